// The admin console is one lazy chunk: its screens are used together and by few people.
export { AdminHome, AdminLayout } from './AdminLayout';
export { AdminScreen } from './AdminScreen';

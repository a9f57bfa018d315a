// The notification settings screen is its own small lazy chunk.
export { NotificationPreferencesPage } from './NotificationPreferencesPage';

export { AssistantIntentsPage } from './AssistantIntentsPage';
export { AssistCard } from './AssistCard';
export { composerFor, fillComposer, insertIntoComposer, registerComposer } from './composerBridge';

export { AssistantInsightsPage } from './AssistantInsightsPage';

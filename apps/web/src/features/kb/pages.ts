// The staff knowledge base is one lazy chunk: its screens are used together, away from the inbox.
export { ArticleEditorPage } from './ArticleEditorPage';
export { ArticleListPage } from './ArticleListPage';
export { KbLayout } from './KbLayout';
export { AnalyticsScreen, CategoriesScreen, ModerationScreen, NewArticleScreen, TranslateArticleScreen } from './KbScreens';

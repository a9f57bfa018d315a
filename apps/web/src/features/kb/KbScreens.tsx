import { AnalyticsPage } from './AnalyticsPage';
import { NewArticlePage } from './ArticleEditorPage';
import { CategoriesPage } from './CategoriesPage';
import { KbSection, RequireKbWrite } from './KbLayout';
import { ModerationPage } from './ModerationPage';
import { TranslateArticlePage } from './TranslateArticlePage';

// Screens behind a permission beyond reading: refused (without loading anything) otherwise.
export const NewArticleScreen = () => (
  <RequireKbWrite>
    <NewArticlePage />
  </RequireKbWrite>
);
export const TranslateArticleScreen = () => (
  <RequireKbWrite>
    <TranslateArticlePage />
  </RequireKbWrite>
);
export const CategoriesScreen = () => (
  <KbSection section="categories">
    <CategoriesPage />
  </KbSection>
);
export const ModerationScreen = () => (
  <KbSection section="moderation">
    <ModerationPage />
  </KbSection>
);
export const AnalyticsScreen = () => (
  <KbSection section="analytics">
    <AnalyticsPage />
  </KbSection>
);

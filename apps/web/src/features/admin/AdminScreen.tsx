import type { ComponentType } from 'react';
import { Navigate, useParams } from 'react-router';
import { paths } from '../../app/paths';
import { AssistantIntentsPage } from '../assist/AssistantIntentsPage';
import { AssistantInsightsPage } from '../assistant-insights/AssistantInsightsPage';
import { ChannelsPage } from '../chat/admin/ChannelsPage';
import { AdminSection } from './AdminLayout';
import { ADMIN_SECTIONS, type AdminSectionKey } from './access';
import { AssistantSettingsPage } from './assistant/AssistantSettingsPage';
import { FlowsPage } from './assistant/FlowsPage';
import { HandoffRulesPage } from './assistant/HandoffRulesPage';
import { ProviderPage } from './assistant/ProviderPage';
import { QaPairsPage } from './assistant/QaPairsPage';
import { TryItPage } from './assistant/TryItPage';
import { CustomFieldsPage } from './fields/CustomFieldsPage';
import { MacrosPage } from './macros/MacrosPage';
import { RolesPage } from './roles/RolesPage';
import { RoutingRulesPage } from './routing/RoutingRulesPage';
import { WorkspaceSettingsPage } from './settings/WorkspaceSettingsPage';
import { SlaPage } from './sla/SlaPage';
import { TaxonomyPage } from './taxonomy/TaxonomyPage';
import { TeamsPage } from './teams/TeamsPage';
import { UsersPage } from './users/UsersPage';

/** The screen of each section, keyed like the URL (`/admin/<key>`). */
const SCREENS = {
  users: UsersPage,
  roles: RolesPage,
  teams: TeamsPage,
  categories: TaxonomyPage,
  fields: CustomFieldsPage,
  sla: SlaPage,
  routing: RoutingRulesPage,
  macros: MacrosPage,
  channels: ChannelsPage,
  settings: WorkspaceSettingsPage,
  'assistant-settings': AssistantSettingsPage,
  'assistant-qa': QaPairsPage,
  'assistant-flows': FlowsPage,
  'assistant-handoff': HandoffRulesPage,
  'assistant-provider': ProviderPage,
  'assistant-try': TryItPage,
  'assistant-intents': AssistantIntentsPage,
  'assistant-insights': AssistantInsightsPage,
} satisfies Record<AdminSectionKey, ComponentType>;

function isSection(value: string | undefined): value is AdminSectionKey {
  return ADMIN_SECTIONS.some((section) => section.key === value);
}

/** `/admin/:section`, refused when this admin's role lacks the section's permission. */
export function AdminScreen() {
  const { section } = useParams();
  if (!isSection(section)) return <Navigate to={paths.admin} replace />;
  const Screen = SCREENS[section];
  return (
    <AdminSection section={section}>
      <Screen />
    </AdminSection>
  );
}

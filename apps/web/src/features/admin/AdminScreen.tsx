import type { ComponentType } from 'react';
import { Navigate, useParams } from 'react-router';
import { paths } from '../../app/paths';
import { ChannelsPage } from '../chat/admin/ChannelsPage';
import { AdminSection } from './AdminLayout';
import { ADMIN_SECTIONS, type AdminSectionKey } from './access';
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

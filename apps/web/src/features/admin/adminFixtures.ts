import { SYSTEM_ROLES } from '@switchboard/contracts';
import type { Me } from '../../api/types';
import { testUser } from '../../test/renderApp';

// Test data for the admin screens; only imported by tests.
const at = '2026-03-04T11:00:00.000Z';

export const adminUser: Me = { ...testUser, role: 'admin', permissions: [...SYSTEM_ROLES.admin] };
export const agentUser: Me = { ...testUser, role: 'agent', permissions: [...SYSTEM_ROLES.agent] };

export const roleFixtures = [
  {
    id: '00000000-0000-4000-8000-0000000000a1',
    key: 'admin',
    name: 'Admin',
    system: true,
    permissions: [...SYSTEM_ROLES.admin],
    userCount: 1,
  },
  {
    id: '00000000-0000-4000-8000-0000000000a2',
    key: 'agent',
    name: 'Agent',
    system: true,
    permissions: [...SYSTEM_ROLES.agent],
    userCount: 4,
  },
  {
    id: '00000000-0000-4000-8000-0000000000a3',
    key: 'customer',
    name: 'Customer',
    system: true,
    permissions: ['portal.use'],
    userCount: 30,
  },
];

export const calendarFixture = {
  id: '00000000-0000-4000-8000-0000000000c1',
  name: 'Berlin office',
  timezone: 'Europe/Berlin',
  hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  holidays: ['2026-12-25'],
  createdAt: at,
  updatedAt: at,
};

export const userFixture = {
  id: '00000000-0000-4000-8000-0000000000b1',
  email: 'grace@example.com',
  name: 'Grace Hopper',
  role: 'agent',
  locale: 'en' as const,
  timezone: 'UTC',
  disabled: false,
  twoFactorEnabled: false,
  lastLoginAt: null,
  createdAt: at,
};

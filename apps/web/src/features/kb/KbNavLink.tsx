import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { useCurrentUser } from '../auth/CurrentUserContext';
import { canOpenKb } from './access';

/** The agent navigation's way into the knowledge base, for staff who may read it. */
export function KbNavLink() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!canOpenKb(user)) return null;
  return <NavLink component={Link} to={paths.kb} label={t('kb.nav.open')} />;
}

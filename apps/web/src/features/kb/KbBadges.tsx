import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KbStatus, KbTranslation, KbVisibility } from '../../api/kb.api';

const STATUS_COLORS: Record<KbStatus, string> = { draft: 'gray', in_review: 'yellow', published: 'green', archived: 'dark' };
const TRANSLATION_COLORS: Record<KbTranslation['state'], string> = {
  source: 'blue',
  up_to_date: 'green',
  outdated: 'orange',
  missing: 'gray',
};

export function StatusBadge({ status }: { status: KbStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" autoContrast>
      {t(`kb.status.${status}`)}
    </Badge>
  );
}

export function VisibilityBadge({ visibility }: { visibility: KbVisibility }) {
  const { t } = useTranslation();
  return (
    <Badge color={visibility === 'public' ? 'teal' : 'grape'} variant="light">
      {t(`kb.visibility.${visibility}`)}
    </Badge>
  );
}

/** One badge per workspace locale: which translations exist, are missing or outdated. */
export function TranslationBadges({ translations }: { translations: readonly KbTranslation[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap" role="list" aria-label={t('kb.translation.label')}>
      {translations.map((slot) => (
        <Badge
          key={slot.locale}
          role="listitem"
          size="sm"
          color={TRANSLATION_COLORS[slot.state]}
          variant={slot.state === 'missing' ? 'outline' : 'light'}
          autoContrast
          title={t(`kb.translation.${slot.state}`)}
        >
          {t('kb.translation.badge', { locale: slot.locale, state: t(`kb.translation.${slot.state}`) })}
        </Badge>
      ))}
    </Group>
  );
}

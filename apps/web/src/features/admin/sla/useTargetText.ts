import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaPolicy } from '../../../api/admin-config.api';
import { METRIC_OF, SLA_TARGETS, targetFromMinutes } from './slaForm';

/** "First response: 4 hours" lines for the targets a policy measures. */
export function useTargetText(): (policy: SlaPolicy) => string[] {
  const { t } = useTranslation();
  return useCallback(
    (policy: SlaPolicy) =>
      SLA_TARGETS.flatMap((key) => {
        const minutes = policy[key];
        if (minutes === null) return [];
        const { amount, unit } = targetFromMinutes(minutes);
        const value = t(`admin.sla.amount.${unit}`, { count: Number(amount) });
        return [t('admin.sla.targetLine', { metric: t(`ticket.metric.${METRIC_OF[key]}`), value })];
      }),
    [t],
  );
}

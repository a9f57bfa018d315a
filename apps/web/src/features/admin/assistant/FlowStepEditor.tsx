import { Button, Group, NativeSelect, NumberInput, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminTeamsQuery } from '../adminQueries';
import { MoveButtons } from '../ui/MoveButtons';
import {
  CONDITION_OPS,
  type ConditionDraft,
  type ConditionOp,
  ENTITY_TYPES,
  type EntityType,
  emptyCondition,
  type FlowError,
  HTTP_METHODS,
  STEP_TYPES,
  type StepDraft,
  type StepType,
  VALUELESS_OPS,
} from './flowForm';

type LooseT = (key: string) => string;

/** Translated text of a flow problem: our own message for the code, the shared one, or the server's words. */
export function useFlowErrorText() {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  return useCallback(
    (error: FlowError | undefined): string | undefined => {
      if (!error) return undefined;
      for (const key of [`assistantAdmin.flowErrors.${error.code}`, `fieldErrors.${error.code}`]) {
        if (i18n.exists(key)) return loose(key);
      }
      return error.message ?? loose('assistantAdmin.flowErrors.invalid');
    },
    [i18n, loose],
  );
}

interface FlowStepEditorProps {
  index: number;
  step: StepDraft;
  stepIds: string[];
  count: number;
  /** Problems of this step, paths relative to it (`next`, `validate.regex`, `conditions.0.next`). */
  errors: FlowError[];
  onChange: (step: StepDraft) => void;
  onRename: (id: string) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** One step of a flow: its id and kind, the kind's fields, and where it goes next. */
export function FlowStepEditor({ index, step, stepIds, count, errors, onChange, onRename, onMove, onRemove }: FlowStepEditorProps) {
  const { t } = useTranslation();
  const errorText = useFlowErrorText();
  const at = (path: string) => errorText(errors.find((e) => e.path === path || e.path.startsWith(`${path}.`)));
  const known = new Set(fieldsOf(step.type));
  const loose = errors.filter((e) => !known.has(e.path.split('.')[0] ?? ''));
  const patch = (next: Partial<StepDraft>) => onChange({ ...step, ...next });
  const n = index + 1;
  const name = t('assistantAdmin.flows.stepN', { n, id: step.id });

  return (
    <Paper withBorder p="sm" radius="sm" role="group" aria-label={name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Group gap="xs" align="flex-start">
            <StepIdInput id={step.id} error={at('id')} onRename={onRename} />
            <NativeSelect
              label={t('assistantAdmin.flows.stepType')}
              value={step.type}
              onChange={(event) => patch({ type: event.currentTarget.value as StepType })}
              data={STEP_TYPES.map((type) => ({ value: type, label: t(`assistantAdmin.flows.types.${type}`) }))}
              w={200}
            />
          </Group>
          <Group gap="xs">
            <MoveButtons name={name} first={index === 0} last={index === count - 1} onMove={onMove} />
            <Button variant="subtle" color="red" aria-label={t('assistantAdmin.flows.removeStep', { n })} onClick={onRemove}>
              {t('admin.common.remove')}
            </Button>
          </Group>
        </Group>
        <StepFields step={step} stepIds={stepIds} patch={patch} at={at} />
        {loose.map((error) => (
          <Text key={error.path + error.code} size="sm" c="red" role="alert">
            {errorText(error)}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

/**
 * The step id, renamed when the field loses focus: every reference to the step follows the new
 * id, and an emptied field goes back to the old id instead of cutting the references.
 */
function StepIdInput({ id, error, onRename }: { id: string; error: string | undefined; onRename: (id: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const commit = () => {
    const next = text.trim();
    if (next && next !== id) onRename(next);
    else setText(id);
  };
  return (
    <TextInput
      label={t('assistantAdmin.flows.stepId')}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit();
        }
      }}
      error={error}
      w={160}
    />
  );
}

/** The top-level body fields each kind has (errors elsewhere are shown under the step). */
function fieldsOf(type: StepType): string[] {
  const common = ['id', 'type'];
  const own: Record<StepType, string[]> = {
    ask: ['slot', 'prompt', 'validate', 'invalid', 'next'],
    action: ['method', 'url', 'headers', 'body', 'timeoutMs', 'next', 'onError'],
    branch: ['conditions', 'otherwise'],
    answer: ['text', 'next'],
    ticket: ['subject', 'text'],
    handoff: ['reason', 'teamId'],
  };
  return [...common, ...own[type]];
}

interface FieldsProps {
  step: StepDraft;
  stepIds: string[];
  patch: (next: Partial<StepDraft>) => void;
  at: (path: string) => string | undefined;
}

function StepSelect({
  label,
  value,
  stepIds,
  empty,
  error,
  onChange,
}: {
  label: string;
  value: string;
  stepIds: string[];
  empty: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  // A reference to a step that no longer exists stays visible, so the error next to it makes sense.
  const ids = value && !stepIds.includes(value) ? [...stepIds, value] : stepIds;
  return (
    <NativeSelect
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[{ value: '', label: empty }, ...ids.map((id) => ({ value: id, label: id }))]}
      error={error}
      w={220}
    />
  );
}

function StepFields({ step, stepIds, patch, at }: FieldsProps) {
  const { t } = useTranslation();
  const teams = useQuery({ ...adminTeamsQuery, enabled: step.type === 'handoff' });
  const choose = t('assistantAdmin.flows.chooseStep');
  const next = (empty = choose) => (
    <StepSelect
      label={t('assistantAdmin.flows.next')}
      value={step.next}
      stepIds={stepIds}
      empty={empty}
      error={at('next')}
      onChange={(value) => patch({ next: value })}
    />
  );
  const placeholders = t('assistantAdmin.flows.placeholdersHint');

  switch (step.type) {
    case 'ask':
      return (
        <Stack gap="xs">
          <Group gap="xs" align="flex-start" wrap="wrap">
            <TextInput
              label={t('assistantAdmin.flows.slot')}
              description={t('assistantAdmin.flows.slotHint')}
              value={step.slot}
              onChange={(event) => patch({ slot: event.currentTarget.value })}
              error={at('slot')}
              w={200}
            />
            <NativeSelect
              label={t('assistantAdmin.flows.validateKind')}
              value={step.validateKind}
              onChange={(event) => patch({ validateKind: event.currentTarget.value as StepDraft['validateKind'] })}
              data={[
                { value: 'entity', label: t('assistantAdmin.flows.validateEntity') },
                { value: 'regex', label: t('assistantAdmin.flows.validateRegex') },
              ]}
              w={200}
            />
            {step.validateKind === 'entity' ? (
              <NativeSelect
                label={t('assistantAdmin.flows.entity')}
                value={step.entity}
                onChange={(event) => patch({ entity: event.currentTarget.value as EntityType })}
                data={ENTITY_TYPES.map((e) => ({ value: e, label: t(`assistantAdmin.flows.entities.${e}`) }))}
                error={at('validate')}
                w={200}
              />
            ) : (
              <>
                <TextInput
                  label={t('assistantAdmin.flows.regex')}
                  value={step.regex}
                  onChange={(event) => patch({ regex: event.currentTarget.value })}
                  error={at('validate.regex') ?? at('validate')}
                  w={240}
                />
                <TextInput
                  label={t('assistantAdmin.flows.flags')}
                  value={step.flags}
                  onChange={(event) => patch({ flags: event.currentTarget.value })}
                  error={at('validate.flags')}
                  w={80}
                />
              </>
            )}
          </Group>
          <Textarea
            label={t('assistantAdmin.flows.prompt')}
            description={placeholders}
            value={step.prompt}
            onChange={(event) => patch({ prompt: event.currentTarget.value })}
            error={at('prompt')}
            autosize
            minRows={2}
          />
          <TextInput
            label={t('assistantAdmin.flows.invalid')}
            value={step.invalid}
            onChange={(event) => patch({ invalid: event.currentTarget.value })}
            error={at('invalid')}
          />
          {next()}
        </Stack>
      );
    case 'action':
      return (
        <Stack gap="xs">
          <Group gap="xs" align="flex-start" wrap="wrap">
            <NativeSelect
              label={t('assistantAdmin.flows.method')}
              value={step.method}
              onChange={(event) => patch({ method: event.currentTarget.value as StepDraft['method'] })}
              data={[...HTTP_METHODS]}
              w={110}
            />
            <TextInput
              label={t('assistantAdmin.flows.url')}
              description={t('assistantAdmin.flows.urlHint')}
              placeholder="https://"
              value={step.url}
              onChange={(event) => patch({ url: event.currentTarget.value })}
              error={at('url')}
              flex={1}
              miw={260}
            />
            <NumberInput
              label={t('assistantAdmin.flows.timeoutMs')}
              value={step.timeoutMs}
              onChange={(value) => patch({ timeoutMs: value })}
              min={100}
              max={30_000}
              allowDecimal={false}
              error={at('timeoutMs')}
              w={140}
            />
          </Group>
          <Textarea
            label={t('assistantAdmin.flows.headers')}
            description={t('assistantAdmin.flows.headersHint')}
            value={step.headers}
            onChange={(event) => patch({ headers: event.currentTarget.value })}
            error={at('headers')}
            autosize
            minRows={1}
          />
          <Textarea
            label={t('assistantAdmin.flows.body')}
            description={t('assistantAdmin.flows.bodyHint')}
            value={step.body}
            onChange={(event) => patch({ body: event.currentTarget.value })}
            error={at('body')}
            autosize
            minRows={2}
            ff="monospace"
          />
          <Group gap="xs" align="flex-start">
            {next()}
            <StepSelect
              label={t('assistantAdmin.flows.onError')}
              value={step.onError}
              stepIds={stepIds}
              empty={t('assistantAdmin.flows.onErrorHandoff')}
              error={at('onError')}
              onChange={(value) => patch({ onError: value })}
            />
          </Group>
        </Stack>
      );
    case 'branch':
      return <BranchFields step={step} stepIds={stepIds} patch={patch} at={at} />;
    case 'answer':
      return (
        <Stack gap="xs">
          <Textarea
            label={t('assistantAdmin.flows.text')}
            description={placeholders}
            value={step.text}
            onChange={(event) => patch({ text: event.currentTarget.value })}
            error={at('text')}
            autosize
            minRows={2}
          />
          {next(t('assistantAdmin.flows.endFlow'))}
        </Stack>
      );
    case 'ticket':
      return (
        <Stack gap="xs">
          <TextInput
            label={t('assistantAdmin.flows.subject')}
            description={placeholders}
            value={step.subject}
            onChange={(event) => patch({ subject: event.currentTarget.value })}
            error={at('subject')}
          />
          <Textarea
            label={t('assistantAdmin.flows.ticketText')}
            value={step.text}
            onChange={(event) => patch({ text: event.currentTarget.value })}
            error={at('text')}
            autosize
            minRows={2}
          />
        </Stack>
      );
    case 'handoff':
      return (
        <Group gap="xs" align="flex-start" wrap="wrap">
          <TextInput
            label={t('assistantAdmin.flows.reason')}
            value={step.reason}
            onChange={(event) => patch({ reason: event.currentTarget.value })}
            error={at('reason')}
            flex={1}
            miw={240}
          />
          <NativeSelect
            label={t('assistantAdmin.common.team')}
            value={step.teamId}
            onChange={(event) => patch({ teamId: event.currentTarget.value })}
            data={[
              { value: '', label: t('assistantAdmin.common.channelTeam') },
              ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
            ]}
            error={at('teamId')}
            w={220}
          />
        </Group>
      );
  }
}

function BranchFields({ step, stepIds, patch, at }: FieldsProps) {
  const { t } = useTranslation();
  const choose = t('assistantAdmin.flows.chooseStep');
  const setCondition = (i: number, value: Partial<ConditionDraft>) =>
    patch({ conditions: step.conditions.map((c, j) => (j === i ? { ...c, ...value } : c)) });
  return (
    <Stack gap="xs">
      {step.conditions.map((condition, i) => (
        <Group
          // Conditions have no id; the index is stable while editing.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={i}
          gap="xs"
          align="flex-start"
          wrap="wrap"
          role="group"
          aria-label={t('assistantAdmin.flows.conditionN', { n: i + 1 })}
        >
          <TextInput
            label={t('assistantAdmin.flows.conditionPath')}
            placeholder="body.order.status"
            value={condition.path}
            onChange={(event) => setCondition(i, { path: event.currentTarget.value })}
            error={at(`conditions.${i}.path`)}
            w={200}
          />
          <NativeSelect
            label={t('assistantAdmin.flows.conditionOp')}
            value={condition.op}
            onChange={(event) => setCondition(i, { op: event.currentTarget.value as ConditionOp })}
            data={CONDITION_OPS.map((op) => ({ value: op, label: t(`assistantAdmin.flows.ops.${op}`) }))}
            w={150}
          />
          {VALUELESS_OPS.includes(condition.op) ? null : (
            <TextInput
              label={t('assistantAdmin.flows.conditionValue')}
              value={condition.value}
              onChange={(event) => setCondition(i, { value: event.currentTarget.value })}
              error={at(`conditions.${i}.value`)}
              w={160}
            />
          )}
          <StepSelect
            label={t('assistantAdmin.flows.then')}
            value={condition.next}
            stepIds={stepIds}
            empty={choose}
            error={at(`conditions.${i}.next`)}
            onChange={(value) => setCondition(i, { next: value })}
          />
          <Button
            mt={24}
            variant="subtle"
            color="red"
            aria-label={t('assistantAdmin.flows.removeCondition', { n: i + 1 })}
            onClick={() => patch({ conditions: step.conditions.filter((_, j) => j !== i) })}
          >
            {t('admin.common.remove')}
          </Button>
        </Group>
      ))}
      {at('conditions') && !step.conditions.length ? (
        <Text size="sm" c="red" role="alert">
          {at('conditions')}
        </Text>
      ) : null}
      <Group>
        <Button variant="default" size="compact-sm" onClick={() => patch({ conditions: [...step.conditions, emptyCondition()] })}>
          {t('assistantAdmin.flows.addCondition')}
        </Button>
      </Group>
      <StepSelect
        label={t('assistantAdmin.flows.otherwise')}
        value={step.otherwise}
        stepIds={stepIds}
        empty={choose}
        error={at('otherwise')}
        onChange={(value) => patch({ otherwise: value })}
      />
    </Stack>
  );
}

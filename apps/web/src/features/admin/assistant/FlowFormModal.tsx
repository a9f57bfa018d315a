import {
  Button,
  Group,
  List,
  Modal,
  MultiSelect,
  NativeSelect,
  Stack,
  Switch,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/ApiError';
import { assistantApi, type Flow, type FlowBody } from '../../../api/assistant.api';
import { FormAlert } from '../../../components/FormAlert';
import { useErrorText } from '../../../i18n/errorMessages';
import { assistantKeys, qaPairsQuery } from './assistantQueries';
import { FlowStepEditor, useFlowErrorText } from './FlowStepEditor';
import {
  checkFlowDraft,
  emptyStep,
  errorsAt,
  type FlowDraft,
  type FlowError,
  flowBody,
  flowDraft,
  nextStepId,
  renameStep,
  STEP_TYPES,
  type StepDraft,
} from './flowForm';

type Tab = 'steps' | 'json';

/** The problems the server reported for the last save, with their paths. */
function serverErrors(error: unknown): FlowError[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((e) => ({ path: e.path.replace(/^body\./, ''), code: e.code, message: e.message }));
}

/** Create or change a flow: its trigger, and a graph of steps edited one by one (or as JSON). */
export function FlowFormModal({ flow, onClose }: { flow: Flow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const flowErrorText = useFlowErrorText();
  const qaPairs = useQuery(qaPairsQuery);
  const [draft, setDraft] = useState<FlowDraft>(() => flowDraft(flow));
  const [tab, setTab] = useState<Tab>('steps');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState(false);
  const [clientErrors, setClientErrors] = useState<FlowError[]>([]);
  const save = useMutation({
    mutationFn: (body: FlowBody) => (flow ? assistantApi.flows.update(flow.id, body) : assistantApi.flows.create(body)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: assistantKeys.flows });
      onClose();
    },
  });
  const errors = [...clientErrors, ...serverErrors(save.error)];
  const at = (path: string) => flowErrorText(errors.find((e) => e.path === path || e.path.startsWith(`${path}.`)));
  const patch = (next: Partial<FlowDraft>) => setDraft({ ...draft, ...next });
  const stepIds = draft.steps.map((s) => s.id).filter(Boolean);

  /** JSON → draft; false (and the error shown) when the text is not a flow. */
  const applyJson = (): FlowDraft | null => {
    try {
      const value = JSON.parse(json) as Flow;
      if (!Array.isArray(value.steps) || !value.steps.every((step) => STEP_TYPES.includes(step?.type))) throw new Error('steps');
      const parsed = flowDraft(value);
      setJsonError(false);
      return parsed;
    } catch {
      setJsonError(true);
      return null;
    }
  };

  const switchTab = (next: Tab) => {
    if (next === tab) return;
    if (next === 'json') {
      setJson(JSON.stringify(flowBody(draft), null, 2));
      setJsonError(false);
      setTab(next);
      return;
    }
    const parsed = applyJson();
    if (parsed) {
      setDraft(parsed);
      setTab(next);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    if (tab === 'json') {
      let body: FlowBody;
      try {
        body = JSON.parse(json) as FlowBody;
      } catch {
        setJsonError(true);
        return;
      }
      setJsonError(false);
      setClientErrors([]);
      save.mutate(body);
      return;
    }
    const problems = checkFlowDraft(draft);
    setClientErrors(problems);
    if (!problems.length) save.mutate(flowBody(draft));
  };

  const setStep = (index: number, step: StepDraft) => patch({ steps: draft.steps.map((s, i) => (i === index ? step : s)) });
  const moveStep = (index: number, delta: -1 | 1) => {
    const steps = [...draft.steps];
    const [moved] = steps.splice(index, 1);
    if (moved) steps.splice(index + delta, 0, moved);
    patch({ steps });
  };
  const stepErrors = (index: number) =>
    errorsAt(errors, `steps.${index}`).map((e) => ({ ...e, path: e.path.slice(`steps.${index}`.length + 1) }));
  const graphError = errors.find((e) => e.path === 'steps');

  return (
    <Modal
      opened
      onClose={onClose}
      size="70rem"
      title={flow ? t('assistantAdmin.flows.editTitle', { name: flow.name }) : t('assistantAdmin.flows.createTitle')}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {save.error ? <FormAlert>{errorText.describe(save.error)}</FormAlert> : null}
          <Tabs value={tab} onChange={(value) => switchTab((value as Tab | null) ?? 'steps')}>
            <Tabs.List>
              <Tabs.Tab value="steps">{t('assistantAdmin.flows.tabSteps')}</Tabs.Tab>
              <Tabs.Tab value="json">{t('assistantAdmin.flows.tabJson')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="steps" pt="md">
              <Stack gap="md">
                <Group align="flex-start" wrap="wrap">
                  <TextInput
                    label={t('assistantAdmin.flows.name')}
                    value={draft.name}
                    onChange={(event) => patch({ name: event.currentTarget.value })}
                    error={at('name')}
                    required
                    flex={1}
                    miw={240}
                    data-autofocus
                  />
                  <Switch
                    mt={30}
                    label={t('admin.common.enabled')}
                    checked={draft.enabled}
                    onChange={(event) => patch({ enabled: event.currentTarget.checked })}
                  />
                </Group>
                <Title order={3} size="h5">
                  {t('assistantAdmin.flows.trigger')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('assistantAdmin.flows.triggerHint')}
                </Text>
                <Group align="flex-start" wrap="wrap">
                  <TextInput
                    label={t('assistantAdmin.flows.intentName')}
                    value={draft.intentName}
                    onChange={(event) => patch({ intentName: event.currentTarget.value })}
                    error={at('trigger.intent.name')}
                    w={240}
                  />
                  <Textarea
                    label={t('assistantAdmin.flows.intentExamples')}
                    description={t('assistantAdmin.flows.onePerLine')}
                    value={draft.intentExamples}
                    onChange={(event) => patch({ intentExamples: event.currentTarget.value })}
                    error={at('trigger.intent.examples')}
                    autosize
                    minRows={2}
                    flex={1}
                    miw={260}
                  />
                </Group>
                <TagsInput
                  label={t('assistantAdmin.flows.keywords')}
                  description={t('assistantAdmin.flows.keywordsHint')}
                  value={draft.keywords}
                  onChange={(keywords) => patch({ keywords })}
                  error={at('trigger.keywords')}
                />
                <MultiSelect
                  label={t('assistantAdmin.flows.qaTrigger')}
                  value={draft.qaIds}
                  onChange={(qaIds) => patch({ qaIds })}
                  data={(qaPairs.data ?? []).map((pair) => ({ value: pair.id, label: pair.questions[0] ?? pair.id }))}
                  error={at('trigger.qaIds')}
                  searchable
                />
                {errors.some((e) => e.path === 'trigger') ? (
                  <Text size="sm" c="red" role="alert">
                    {at('trigger')}
                  </Text>
                ) : null}
                <Title order={3} size="h5">
                  {t('assistantAdmin.flows.steps')}
                </Title>
                <NativeSelect
                  label={t('assistantAdmin.flows.start')}
                  value={draft.start}
                  onChange={(event) => patch({ start: event.currentTarget.value })}
                  data={[
                    { value: '', label: t('assistantAdmin.flows.chooseStep') },
                    ...(draft.start && !stepIds.includes(draft.start) ? [...stepIds, draft.start] : stepIds),
                  ]}
                  error={at('start')}
                  w={220}
                />
                {graphError ? <FormAlert>{flowErrorText(graphError)}</FormAlert> : null}
                {draft.steps.map((step, index) => (
                  <FlowStepEditor
                    // Steps are renamed while typing; the position is the stable identity here.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    key={index}
                    index={index}
                    step={step}
                    stepIds={stepIds}
                    count={draft.steps.length}
                    errors={stepErrors(index)}
                    onChange={(value) => setStep(index, value)}
                    onRename={(id) => setDraft(renameStep(draft, index, id))}
                    onMove={(delta) => moveStep(index, delta)}
                    onRemove={() => patch({ steps: draft.steps.filter((_, i) => i !== index) })}
                  />
                ))}
                <Group>
                  <Button
                    variant="default"
                    size="compact-sm"
                    onClick={() => patch({ steps: [...draft.steps, emptyStep(nextStepId(draft.steps), 'answer')] })}
                  >
                    {t('assistantAdmin.flows.addStep')}
                  </Button>
                </Group>
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="json" pt="md">
              <Stack gap="xs">
                <Textarea
                  label={t('assistantAdmin.flows.json')}
                  description={t('assistantAdmin.flows.jsonHint')}
                  value={json}
                  onChange={(event) => setJson(event.currentTarget.value)}
                  error={jsonError ? t('assistantAdmin.flows.jsonInvalid') : undefined}
                  autosize
                  minRows={12}
                  maxRows={30}
                  ff="monospace"
                />
                {tab === 'json' && errors.length ? (
                  <List size="sm" c="red">
                    {errors.map((e) => (
                      <List.Item key={e.path + e.code}>
                        <code>{e.path || '—'}</code> {flowErrorText(e)}
                      </List.Item>
                    ))}
                  </List>
                ) : null}
              </Stack>
            </Tabs.Panel>
          </Tabs>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

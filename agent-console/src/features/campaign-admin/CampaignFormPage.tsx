import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import { Alert } from '../../ui/Alert.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Field } from '../../ui/Field.js';
import { useLabels } from '../../ui/useLabels.js';
import {
  ALLOCATION_METHODS,
  CAMPAIGN_MODES,
  RETRY_KEYS,
  STRATUM_DIMENSIONS,
  useCreateCampaign,
  useQueues,
  useSchemes,
  useSurveys,
  type TAllocationMethod,
  type TCampaignMode,
  type TRetryKey,
  type TStratumDimension,
} from './campaign-admin.api.js';
import { initialValues, looksLike1600, problemKey, problemsByField, toDraft, type TCampaignFormValues, type TFormField } from './campaign-form.js';
// the engine's retry delays, shown as placeholders: an empty input keeps them
import { DEFAULT_RETRY_POLICY } from '../../../../campaigns/src/schedule/retry-policy.js';
import './campaign-admin.css';

/** A group of radio buttons or checkboxes with its legend, hint and the server's complaint. */
function ChoiceGroup({
  legend,
  hint,
  error,
  children,
  testId,
  className,
}: {
  legend: string;
  hint?: string;
  error?: string | undefined;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const id = legend.replace(/\W+/g, '-').toLowerCase();
  return (
    <fieldset className={['campaign-choices', className ?? '', error ? 'field--invalid' : ''].filter(Boolean).join(' ')} data-testid={testId} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field__label">{legend}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <div className="campaign-choices__options">{children}</div>
      {error ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Create a campaign as a draft; the server checks it and names every field it refuses. */
export function CampaignFormPage() {
  const { t } = useTranslation();
  const { pick } = useLabels();
  const navigate = useNavigate();
  const [values, setValues] = useState<TCampaignFormValues>(() => initialValues(new Date()));
  const [holiday, setHoliday] = useState('');
  const create = useCreateCampaign();
  const schemes = useSchemes();
  const queues = useQueues();
  const surveys = useSurveys();
  const summary = useRef<HTMLDivElement>(null);

  const set = <K extends keyof TCampaignFormValues>(key: K, value: TCampaignFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setRetry = (key: TRetryKey, value: string) => setValues((v) => ({ ...v, retry: { ...v.retry, [key]: value } }));

  const problems = create.error instanceof ApiError ? problemsByField(create.error.fields) : { byField: {}, other: [] };
  const errorOf = (field: TFormField): string | undefined => {
    const messages = problems.byField[field];
    if (!messages || messages.length === 0) return undefined;
    return messages
      .map((message) => {
        const known = problemKey(message);
        return known ? t(`campaignAdmin.problems.${known.key}`, { ...known.values, mode: known.values?.mode ? t(`campaignAdmin.modes.${known.values.mode}`) : undefined }) : message;
      })
      .join(' ');
  };

  useEffect(() => {
    if (create.error) summary.current?.focus();
  }, [create.error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(toDraft(values), { onSuccess: (campaign) => navigate(`/supervisor/campaigns/${campaign.id}`) });
  }

  function addHoliday() {
    if (holiday === '' || values.holidays.includes(holiday)) return;
    set('holidays', [...values.holidays, holiday].sort());
    setHoliday('');
  }

  const activeQueues = (queues.data?.queues ?? []).filter((q) => q.active);
  const scheme = schemes.data?.schemes.find((s) => s.code === values.schemeCode);
  const sizeLabel = values.allocation === 'fixed' ? t('campaignAdmin.fields.perStratum') : t('campaignAdmin.fields.total');
  const errorCount = Object.keys(problems.byField).length + problems.other.length;

  return (
    <main className="page campaign-admin" id="main">
      <p className="breadcrumb">
        <Link to="/supervisor/campaigns">{t('campaignAdmin.backToList')}</Link>
      </p>
      <h1 className="page__title" tabIndex={-1}>
        {t('campaignAdmin.formTitle')}
      </h1>
      <p className="campaign-admin__intro">{t('campaignAdmin.formIntro')}</p>
      {schemes.error || queues.error || surveys.error ? <ErrorAlert error={schemes.error ?? queues.error ?? surveys.error} title={t('campaignAdmin.pickersFailed')} /> : null}

      <form className="campaign-form" onSubmit={submit} noValidate aria-describedby={create.error ? 'campaign-form-errors' : undefined}>
        <div ref={summary} tabIndex={-1} id="campaign-form-errors" data-testid="campaign-form-errors">
          {create.error instanceof ApiError && create.error.status === 400 ? (
            <Alert tone="error" title={t('campaignAdmin.notCreated')} requestId={create.error.requestId}>
              <p>{t('campaignAdmin.fixFields', { count: errorCount })}</p>
              {problems.other.length > 0 ? (
                <ul className="alert__fields">
                  {problems.other.map((p) => (
                    <li key={`${p.field}:${p.message}`}>
                      <code>{p.field}</code>: {p.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          ) : create.error ? (
            <ErrorAlert error={create.error} title={t('campaignAdmin.notCreated')} />
          ) : null}
        </div>

        <fieldset className="campaign-form__group">
          <legend>{t('campaignAdmin.groups.what')}</legend>
          <div className="campaign-form__grid">
            <Field label={t('campaignAdmin.fields.name')} error={errorOf('name')} className="campaign-form__wide">
              {({ id, describedBy, invalid }) => (
                <input id={id} name="name" value={values.name} maxLength={200} aria-describedby={describedBy} aria-invalid={invalid} aria-required onChange={(e) => set('name', e.target.value)} />
              )}
            </Field>
            <Field label={t('campaignAdmin.fields.description')} hint={t('campaignAdmin.hints.description')} error={errorOf('description')} className="campaign-form__wide">
              {({ id, describedBy, invalid }) => (
                <textarea id={id} name="description" rows={2} value={values.description} maxLength={2000} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set('description', e.target.value)} />
              )}
            </Field>
            <ChoiceGroup legend={t('campaignAdmin.fields.mode')} error={errorOf('mode')} testId="mode-group" className="campaign-form__wide campaign-choices--row">
              {CAMPAIGN_MODES.map((mode) => (
                <label key={mode} className="campaign-choice">
                  <input type="radio" name="mode" value={mode} checked={values.mode === mode} onChange={() => set('mode', mode as TCampaignMode)} />
                  <span>
                    <span className="campaign-choice__label">{t(`campaignAdmin.modes.${mode}`)}</span>
                    <span className="campaign-choice__hint">{t(`campaignAdmin.modeHints.${mode}`)}</span>
                  </span>
                </label>
              ))}
            </ChoiceGroup>
            <Field
              label={t('campaignAdmin.fields.scheme')}
              hint={scheme ? t('campaignAdmin.hints.schemeChosen', { active: scheme.enrolments.active, total: scheme.enrolments.total, department: pick(scheme.department.nameEn, scheme.department.nameHi) }) : t('campaignAdmin.hints.scheme')}
              error={errorOf('schemeCode')}
            >
              {({ id, describedBy, invalid }) => (
                <select id={id} name="schemeCode" value={values.schemeCode} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set('schemeCode', e.target.value)}>
                  <option value="">{t('campaignAdmin.anyScheme')}</option>
                  {(schemes.data?.schemes ?? []).map((s) => (
                    <option key={s.code} value={s.code}>
                      {t('campaignAdmin.schemeOption', { code: s.code, name: pick(s.nameEn, s.nameHi), count: s.enrolments.active })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('campaignAdmin.fields.queue')} hint={t('campaignAdmin.hints.queue')} error={errorOf('queueId')}>
              {({ id, describedBy, invalid }) => (
                <select id={id} name="queueId" value={values.queueId} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set('queueId', e.target.value)}>
                  <option value="">{t('campaignAdmin.noQueue')}</option>
                  {activeQueues.map((q) => (
                    <option key={q.id} value={String(q.id)}>
                      {pick(q.name, q.nameHi)} ({q.code})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('campaignAdmin.fields.survey')} hint={values.mode === 'ivr' ? t('campaignAdmin.hints.surveyIvr') : t('campaignAdmin.hints.surveyAgent')} error={errorOf('surveyId')}>
              {({ id, describedBy, invalid }) => (
                <select id={id} name="surveyId" value={values.surveyId} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set('surveyId', e.target.value)}>
                  <option value="">{t('campaignAdmin.noSurvey')}</option>
                  {(surveys.data?.surveys ?? []).map((s) => (
                    <option key={s.id} value={String(s.id)}>
                      {t('campaignAdmin.surveyOption', { title: pick(s.title, s.titleHi), version: s.version, count: s.questionCount })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('campaignAdmin.fields.callerId')}
              hint={values.callerId.trim() !== '' && !looksLike1600(values.callerId) ? t('campaignAdmin.hints.callerIdNot1600') : t('campaignAdmin.hints.callerId')}
              error={errorOf('callerId')}
            >
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="callerId"
                  type="tel"
                  inputMode="tel"
                  value={values.callerId}
                  placeholder="+91 1600 233 445"
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => set('callerId', e.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>

        <fieldset className="campaign-form__group">
          <legend>{t('campaignAdmin.groups.when')}</legend>
          <div className="campaign-form__grid campaign-form__grid--narrow">
            <Field label={t('campaignAdmin.fields.startsOn')} error={errorOf('startsOn')}>
              {({ id, describedBy, invalid }) => (
                <input id={id} name="startsOn" type="date" value={values.startsOn} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set('startsOn', e.target.value)} />
              )}
            </Field>
            <Field label={t('campaignAdmin.fields.endsOn')} error={errorOf('endsOn')}>
              {({ id, describedBy, invalid }) => (
                <input id={id} name="endsOn" type="date" value={values.endsOn} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set('endsOn', e.target.value)} />
              )}
            </Field>
            <Field label={t('campaignAdmin.fields.windowStart')} error={errorOf('windowStart')}>
              {({ id, describedBy, invalid }) => (
                <input id={id} name="windowStart" type="time" value={values.windowStart} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set('windowStart', e.target.value)} />
              )}
            </Field>
            <Field label={t('campaignAdmin.fields.windowEnd')} error={errorOf('windowEnd')}>
              {({ id, describedBy, invalid }) => (
                <input id={id} name="windowEnd" type="time" value={values.windowEnd} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set('windowEnd', e.target.value)} />
              )}
            </Field>
          </div>
          <div className="holidays">
            <Field label={t('campaignAdmin.fields.holiday')} hint={t('campaignAdmin.hints.holidays')} error={errorOf('holidays')} className="holidays__input">
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="holiday"
                  type="date"
                  value={holiday}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => setHoliday(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      addHoliday();
                    }
                  }}
                />
              )}
            </Field>
            <button type="button" className="btn holidays__add" onClick={addHoliday} disabled={holiday === ''}>
              {t('campaignAdmin.addHoliday')}
            </button>
            {values.holidays.length > 0 ? (
              <ul className="holidays__list" aria-label={t('campaignAdmin.holidaysChosen')} data-testid="holidays">
                {values.holidays.map((day) => (
                  <li key={day} className="holidays__item">
                    <span className="mono">{day}</span>
                    <button
                      type="button"
                      className="btn btn--link"
                      aria-label={t('campaignAdmin.removeHoliday', { day })}
                      onClick={() => set('holidays', values.holidays.filter((d) => d !== day))}
                    >
                      {t('campaignAdmin.remove')}
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted holidays__none">{t('campaignAdmin.noHolidays')}</p>
            )}
          </div>
        </fieldset>

        <fieldset className="campaign-form__group">
          <legend>{t('campaignAdmin.groups.attempts')}</legend>
          <div className="campaign-form__grid campaign-form__grid--narrow">
            <Field label={t('campaignAdmin.fields.maxAttempts')} hint={t('campaignAdmin.hints.maxAttempts')} error={errorOf('maxAttempts')}>
              {({ id, describedBy, invalid }) => (
                <input id={id} name="maxAttempts" type="number" min={1} max={10} step={1} value={values.maxAttempts} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set('maxAttempts', e.target.value)} />
              )}
            </Field>
            <Field label={t('campaignAdmin.fields.abandonCapPercent')} hint={t('campaignAdmin.hints.abandonCap')} error={errorOf('abandonCapPercent')}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="abandonCapPercent"
                  type="number"
                  min={0}
                  max={100}
                  step={0.1}
                  value={values.abandonCapPercent}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => set('abandonCapPercent', e.target.value)}
                />
              )}
            </Field>
            {RETRY_KEYS.map((key) => (
              <Field key={key} label={t(`campaignAdmin.retry.${key}`)} hint={t('campaignAdmin.hints.retryDefault', { value: DEFAULT_RETRY_POLICY[key] })} error={errorOf(`retry.${key}`)}>
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    name={key}
                    type="number"
                    min={key === 'abandonedQuietHours' ? 0 : 1}
                    step={1}
                    value={values.retry[key]}
                    placeholder={String(DEFAULT_RETRY_POLICY[key])}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    onChange={(e) => setRetry(key, e.target.value)}
                  />
                )}
              </Field>
            ))}
          </div>
        </fieldset>

        <fieldset className="campaign-form__group">
          <legend>{t('campaignAdmin.groups.sample')}</legend>
          <div className="campaign-form__grid">
            <ChoiceGroup legend={t('campaignAdmin.fields.strata')} hint={t('campaignAdmin.hints.strata')} error={errorOf('strata')} testId="strata-group">
              {STRATUM_DIMENSIONS.map((dimension) => (
                <label key={dimension} className="campaign-choice">
                  <input
                    type="checkbox"
                    name="strata"
                    value={dimension}
                    checked={values.strata.includes(dimension)}
                    onChange={(e) =>
                      set('strata', e.target.checked ? [...values.strata, dimension as TStratumDimension] : values.strata.filter((d) => d !== dimension))
                    }
                  />
                  <span className="campaign-choice__label">{t(`campaignAdmin.strata.${dimension}`)}</span>
                </label>
              ))}
            </ChoiceGroup>
            <ChoiceGroup legend={t('campaignAdmin.fields.allocation')} error={errorOf('allocation')} testId="allocation-group">
              {ALLOCATION_METHODS.map((method) => (
                <label key={method} className="campaign-choice">
                  <input type="radio" name="allocation" value={method} checked={values.allocation === method} onChange={() => set('allocation', method as TAllocationMethod)} />
                  <span>
                    <span className="campaign-choice__label">{t(`campaignAdmin.allocation.${method}`)}</span>
                    <span className="campaign-choice__hint">{t(`campaignAdmin.allocationHints.${method}`)}</span>
                  </span>
                </label>
              ))}
            </ChoiceGroup>
          </div>
          <div className="campaign-form__grid campaign-form__grid--narrow">
            <Field label={sizeLabel} error={errorOf('size')}>
              {({ id, describedBy, invalid }) => (
                <input id={id} name="size" type="number" min={1} step={1} value={values.size} aria-describedby={describedBy} aria-invalid={invalid} aria-required onChange={(e) => set('size', e.target.value)} />
              )}
            </Field>
            <Field label={t('campaignAdmin.fields.recentContactDays')} hint={t('campaignAdmin.hints.recentContactDays')} error={errorOf('recentContactDays')}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="recentContactDays"
                  type="number"
                  min={0}
                  max={3650}
                  step={1}
                  value={values.recentContactDays}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => set('recentContactDays', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('campaignAdmin.fields.seed')} hint={t('campaignAdmin.hints.seed')} error={errorOf('seed')}>
              {({ id, describedBy, invalid }) => (
                <input id={id} name="seed" type="number" min={0} step={1} value={values.seed} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set('seed', e.target.value)} />
              )}
            </Field>
          </div>
          <p className="field__hint">{t('campaignAdmin.hints.alwaysExcluded')}</p>
        </fieldset>

        <div className="campaign-form__actions">
          <button type="submit" className="btn btn--primary" disabled={create.isPending}>
            {create.isPending ? t('campaignAdmin.creating') : t('campaignAdmin.create')}
          </button>
          <Link to="/supervisor/campaigns" className="btn">
            {t('campaignAdmin.cancelForm')}
          </Link>
        </div>
      </form>
    </main>
  );
}

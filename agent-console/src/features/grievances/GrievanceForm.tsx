import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { Alert } from '../../ui/Alert.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Field } from '../../ui/Field.js';
import { formatDay } from '../../ui/format.js';
import { Loading } from '../../ui/Loading.js';
import { Section } from '../../ui/Section.js';
import { useLabels } from '../../ui/useLabels.js';
import { CategoryPicker } from './CategoryPicker.js';
import type { TGrievance } from './grievance.schemas.js';
import { fetchCategories, registerGrievance } from './grievances.api.js';

export interface TComplainantOption {
  residentId: number;
  name: string;
}

interface TGrievanceFormProps {
  /** household members who may be the complainant; the first is preselected */
  complainants: TComplainantOption[];
  /** the call the grievance is taken on: the docket is linked to it */
  callId?: string | undefined;
  /** called after the server has registered the grievance */
  onRegistered?: ((grievance: TGrievance) => void) | undefined;
}

/** Fields the form shows next to a control; other problems go in the summary. */
const FORM_FIELDS = ['categoryCode', 'description', 'residentId', 'anonymous'] as const;

function DocketBanner({ grievance, onAnother }: { grievance: TGrievance; onAnother: () => void }) {
  const { t } = useTranslation();
  const { pick, language } = useLabels();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="docket-banner" role="status" data-testid="docket-banner">
      <h4 className="docket-banner__label" ref={heading} tabIndex={-1}>
        {t('grievanceForm.registered')}
      </h4>
      <p className="docket-banner__number" data-testid="docket-number">
        {grievance.docketNo}
      </p>
      <p className="docket-banner__hint">{t('grievanceForm.readOut')}</p>
      <dl className="facts">
        <div>
          <dt>{t('grievance.office')}</dt>
          <dd>{pick(grievance.office.name, grievance.office.nameHi)}</dd>
        </div>
        <div>
          <dt>{t('grievance.due')}</dt>
          <dd>{formatDay(grievance.dueAt, language)}</dd>
        </div>
      </dl>
      <button type="button" className="btn" onClick={onAnother}>
        {t('grievanceForm.another')}
      </button>
    </div>
  );
}

/** Registers a grievance for someone on this household card and shows the docket to read out. */
export function GrievanceForm({ complainants, callId, onRegistered }: TGrievanceFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const categories = useQuery({ queryKey: ['grievance-categories'], queryFn: fetchCategories, staleTime: 60 * 60_000 });
  const [categoryCode, setCategoryCode] = useState('');
  const [description, setDescription] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [residentId, setResidentId] = useState<number | undefined>(complainants[0]?.residentId);

  const register = useMutation({
    mutationFn: registerGrievance,
    onSuccess: (grievance) => {
      void queryClient.invalidateQueries({ queryKey: ['household'] });
      onRegistered?.(grievance);
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    register.mutate({ categoryCode, description, anonymous, residentId, channel: 'helpline', callId });
  }

  function reset() {
    register.reset();
    setCategoryCode('');
    setDescription('');
    setAnonymous(false);
  }

  const error = register.error;
  const apiError = error instanceof ApiError ? error : null;
  const fieldError = (name: string) => apiError?.fieldMessage(name);
  const otherProblems = apiError?.fields.filter((f) => !FORM_FIELDS.some((name) => f.field === `body.${name}`)) ?? [];

  return (
    <Section level={3} id="grievance-form" title={t('grievanceForm.title')} className="grievance-form">
      {register.data ? (
        <DocketBanner grievance={register.data} onAnother={reset} />
      ) : categories.isPending ? (
        <Loading />
      ) : categories.error ? (
        <ErrorAlert error={categories.error} />
      ) : (
        <form onSubmit={onSubmit} noValidate data-testid="grievance-form">
          {apiError && apiError.fields.length > 0 ? (
            <Alert tone="error" title={t('grievanceForm.fixFields')} requestId={apiError.requestId}>
              <p>{apiError.message}</p>
              {otherProblems.length > 0 ? (
                <ul className="alert__fields">
                  {otherProblems.map((f) => (
                    <li key={f.field}>
                      <code>{f.field}</code>: {f.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          ) : error ? (
            <ErrorAlert error={error} title={t('grievanceForm.failed')} />
          ) : null}
          <div className="grievance-form__grid">
            <CategoryPicker categories={categories.data} value={categoryCode} onChange={setCategoryCode} error={fieldError('categoryCode')} />
            <div className="grievance-form__details">
              <Field label={t('grievanceForm.complainant')} error={fieldError('residentId')}>
                {({ id, describedBy, invalid }) => (
                  <select
                    id={id}
                    value={residentId ?? ''}
                    onChange={(e) => setResidentId(e.target.value ? Number(e.target.value) : undefined)}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                  >
                    {complainants.map((c) => (
                      <option key={c.residentId} value={c.residentId}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('grievanceForm.description')} hint={t('grievanceForm.descriptionHint')} error={fieldError('description')}>
                {({ id, describedBy, invalid }) => (
                  <textarea
                    id={id}
                    rows={5}
                    value={description}
                    onChange={(e) => setDescription(e.target.value)}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    data-testid="grievance-description"
                  />
                )}
              </Field>
              <div className={['checkbox', fieldError('anonymous') ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
                <input
                  id="grievance-anonymous"
                  type="checkbox"
                  checked={anonymous}
                  onChange={(e) => setAnonymous(e.target.checked)}
                  aria-describedby="grievance-anonymous-hint"
                  data-testid="grievance-anonymous"
                />
                <label htmlFor="grievance-anonymous">{t('grievanceForm.anonymous')}</label>
                <p id="grievance-anonymous-hint" className="field__hint">
                  {t('grievanceForm.anonymousHint')}
                </p>
              </div>
              <button type="submit" className="btn btn--primary" disabled={register.isPending}>
                {register.isPending ? t('grievanceForm.submitting') : t('grievanceForm.submit')}
              </button>
            </div>
          </div>
        </form>
      )}
    </Section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Field } from '../../ui/Field.js';
import { Loading } from '../../ui/Loading.js';
import { DOCKET_PATTERN } from './grievance.schemas.js';
import { fetchGrievance } from './grievances.api.js';
import { GrievanceDetails } from './GrievanceDetails.js';

/** Opens a grievance by its docket number, as read out to the citizen. */
export function DocketLookup() {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [docket, setDocket] = useState<string | null>(null);
  const [formatError, setFormatError] = useState<string | undefined>();
  const grievance = useQuery({ queryKey: ['grievance', docket], queryFn: () => fetchGrievance(docket ?? ''), enabled: docket !== null });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const value = input.trim().toUpperCase();
    if (!DOCKET_PATTERN.test(value)) {
      setFormatError(t('docket.format'));
      return;
    }
    setFormatError(undefined);
    setInput(value);
    setDocket(value);
  }

  const notFound = grievance.error instanceof ApiError && grievance.error.status === 404;
  return (
    <div className="docket-lookup">
      <form className="inline-form" onSubmit={onSubmit} noValidate role="search" aria-label={t('docket.title')}>
        <Field label={t('docket.label')} hint={t('docket.hint')} error={formatError}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              value={input}
              onChange={(e) => setInput(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className="mono"
              data-testid="docket-input"
            />
          )}
        </Field>
        <button type="submit" className="btn btn--primary">
          {t('docket.open')}
        </button>
      </form>
      {grievance.isFetching ? <Loading /> : null}
      {notFound ? <ErrorAlert error={grievance.error} title={t('docket.notFound', { docket })} /> : grievance.error ? <ErrorAlert error={grievance.error} /> : null}
      {grievance.data ? <GrievanceDetails grievance={grievance.data} /> : null}
    </div>
  );
}

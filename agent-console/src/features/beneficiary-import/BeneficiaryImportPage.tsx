import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Field } from '../../ui/Field.js';
import { Section } from '../../ui/Section.js';
import { downloadReport, uploadList, type TImportSummary } from './import.api.js';

const OUTCOMES = ['accepted', 'matched', 'ambiguous', 'unmatched', 'rejected'] as const;

function Report({ result }: { result: TImportSummary }) {
  const { t } = useTranslation();
  const [downloadFailed, setDownloadFailed] = useState(false);
  const reasons = Object.entries(result.reasonCounts).sort((a, b) => b[1] - a[1]);
  return (
    <div data-testid="import-report">
    <Section id="import-report" title={t('beneficiaryImport.reportTitle', { id: result.id, file: result.fileName })}>
      {result.reused ? <p>{t('beneficiaryImport.reused')}</p> : null}
      <p>{t('beneficiaryImport.total', { count: result.totalRows })}</p>
      <table className="table table--compact">
        <tbody>
          {OUTCOMES.map((outcome) => (
            <tr key={outcome}>
              <th scope="row">{t(`beneficiaryImport.outcomes.${outcome}`)}</th>
              <td className="num" data-testid={`import-count-${outcome}`}>
                {result.counts[outcome]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reasons.length > 0 ? (
        <>
          <h3 className="field__label">{t('beneficiaryImport.reasonsTitle')}</h3>
          <ul data-testid="import-reasons">
            {reasons.map(([reason, count]) => (
              <li key={reason}>
                <code>{reason}</code>: {count}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <button
        type="button"
        className="btn"
        onClick={() => {
          setDownloadFailed(false);
          downloadReport(result.id).catch(() => setDownloadFailed(true));
        }}
      >
        {t('beneficiaryImport.download')}
      </button>
      {downloadFailed ? <p role="alert">{t('beneficiaryImport.downloadFailed')}</p> : null}
    </Section>
    </div>
  );
}

/** Upload a department's beneficiary list for one scheme and read what became of each row. */
export function BeneficiaryImportPage() {
  const { t } = useTranslation();
  const [scheme, setScheme] = useState('');
  const [mapping, setMapping] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({ mutationFn: uploadList });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (file && scheme.trim() !== '') upload.mutate({ file, scheme: scheme.trim(), mapping });
  }

  return (
    <main className="page" id="main">
      <h1 className="page__title" tabIndex={-1}>
        {t('beneficiaryImport.title')}
      </h1>
      <p>{t('beneficiaryImport.caption')}</p>
      <Section id="import-upload" title={t('beneficiaryImport.title')}>
        <form onSubmit={submit} className="form">
          <Field label={t('beneficiaryImport.scheme')}>
            {({ id }) => <input id={id} name="scheme" value={scheme} onChange={(e) => setScheme(e.target.value)} required maxLength={40} placeholder="MVY" />}
          </Field>
          <Field label={t('beneficiaryImport.file')}>
            {({ id }) => <input id={id} name="file" type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
          </Field>
          <Field label={t('beneficiaryImport.mapping')} hint={t('beneficiaryImport.mappingHelp')}>
            {({ id, describedBy }) => (
              <textarea
                id={id}
                name="mapping"
                value={mapping}
                onChange={(e) => setMapping(e.target.value)}
                rows={3}
                aria-describedby={describedBy}
                placeholder='{"beneficiary_id":"Ben. No.","mobile":"Contact"}'
              />
            )}
          </Field>
          <button type="submit" className="btn btn--primary" disabled={upload.isPending || !file || scheme.trim() === ''}>
            {upload.isPending ? t('beneficiaryImport.uploading') : t('beneficiaryImport.upload')}
          </button>
        </form>
        {upload.error ? (
          <div data-testid="import-error">
            <ErrorAlert error={upload.error} title={t('beneficiaryImport.refused')} />
          </div>
        ) : null}
      </Section>
      {upload.data ? <Report result={upload.data} /> : null}
    </main>
  );
}

import { useTranslation } from 'react-i18next';
import { Badge, type TBadgeTone } from '../../ui/Badge.js';
import { formatDate, formatMonth, formatRupees } from '../../ui/format.js';
import { Section } from '../../ui/Section.js';
import { useLabels } from '../../ui/useLabels.js';
import type { TMember, TPayment, TSchemeEnrolment } from './household.schemas.js';

const PAYMENT_TONE: Record<TPayment['status'], TBadgeTone> = { credited: 'success', failed: 'danger', pending: 'warning' };
const ENROLMENT_TONE: Record<TSchemeEnrolment['status'], TBadgeTone> = { active: 'success', suspended: 'warning', closed: 'neutral' };

function PaymentsTable({ scheme }: { scheme: TSchemeEnrolment }) {
  const { t } = useTranslation();
  const { label, language } = useLabels();
  if (scheme.payments.length === 0) return <p className="muted">{t('schemes.noPayments')}</p>;
  return (
    <div className="table-scroll">
      <table className="table table--compact">
        <caption className="visually-hidden">{t('schemes.paymentsCaption', { scheme: scheme.schemeNameEn })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('schemes.period')}</th>
            <th scope="col" className="num">
              {t('schemes.amount')}
            </th>
            <th scope="col">{t('schemes.status')}</th>
            <th scope="col">{t('schemes.paidOn')}</th>
            <th scope="col">{t('schemes.failureReason')}</th>
          </tr>
        </thead>
        <tbody>
          {scheme.payments.map((p) => (
            <tr key={p.period} className={p.status === 'failed' ? 'row--failed' : undefined} data-status={p.status} data-testid="payment-row">
              <td>{formatMonth(p.period, language)}</td>
              {/* in-kind benefits (ration, nutrition) come with no money amount */}
              <td className="num">{p.amountPaise > 0 ? formatRupees(p.amountPaise, language) : <span className="muted">{t('schemes.inKind')}</span>}</td>
              <td>
                <Badge tone={PAYMENT_TONE[p.status]}>{label('paymentStatus', p.status)}</Badge>
              </td>
              <td>{p.paidOn ? formatDate(p.paidOn, language) : <span className="muted">—</span>}</td>
              <td className="failure-reason">{p.failureReason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SchemesPanel({ schemes, members }: { schemes: TSchemeEnrolment[]; members: TMember[] }) {
  const { t } = useTranslation();
  const { label, pick, language } = useLabels();
  const nameOf = (residentId: number) => {
    const m = members.find((member) => member.id === residentId);
    return m ? pick(m.nameEn, m.nameHi) : `#${residentId}`;
  };
  return (
    <Section level={3} id="schemes" title={t('schemes.title')} aside={t('schemes.count', { count: schemes.length })}>
      {schemes.length === 0 ? (
        <p className="muted">{t('schemes.none')}</p>
      ) : (
        <div className="schemes">
          {schemes.map((s) => (
            // Enrolments with failed payments open by default: they are what the caller asks about.
            <details key={s.enrolmentId} className="scheme" open={s.failedPayments > 0} data-testid="scheme">
              <summary className="scheme__summary">
                <span className="scheme__name">{pick(s.schemeNameEn, s.schemeNameHi)}</span>
                <span className="scheme__meta">
                  {t('schemes.beneficiary', { name: nameOf(s.residentId) })} · {t('schemes.beneficiaryId', { id: s.beneficiaryId })} ·{' '}
                  {t('schemes.enrolledOn', { date: formatDate(s.enrolledOn, language) })}
                </span>
                <span className="scheme__badges">
                  <Badge tone={ENROLMENT_TONE[s.status]}>{label('enrolmentStatus', s.status)}</Badge>
                  {s.failedPayments > 0 ? (
                    <Badge tone="danger">{t('schemes.failedCount', { count: s.failedPayments })}</Badge>
                  ) : (
                    <Badge>{t('schemes.paymentCount', { count: s.payments.length })}</Badge>
                  )}
                </span>
              </summary>
              <PaymentsTable scheme={s} />
            </details>
          ))}
        </div>
      )}
    </Section>
  );
}

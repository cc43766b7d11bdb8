import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.js';
import { formatPhone } from '../../ui/format.js';
import { Section } from '../../ui/Section.js';
import { useLabels } from '../../ui/useLabels.js';
import type { TMember } from './household.schemas.js';

export function MembersTable({ members }: { members: TMember[] }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  return (
    <Section level={3} id="members" title={t('household.members')} aside={t('household.memberCount', { count: members.length })}>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('member.name')}</th>
              <th scope="col">{t('member.relation')}</th>
              <th scope="col">{t('member.age')}</th>
              <th scope="col">{t('member.gender')}</th>
              <th scope="col">{t('member.aadhaar')}</th>
              <th scope="col">{t('member.language')}</th>
              <th scope="col">{t('member.phone')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row" className="cell-name">
                  <span>{m.nameEn}</span>
                  <span className="cell-name__hi" lang="hi">
                    {m.nameHi}
                  </span>
                </th>
                <td>{label('relation', m.relation)}</td>
                <td className="num">{m.age}</td>
                <td>{label('gender', m.gender)}</td>
                <td className="mono">{m.aadhaar ?? <span className="muted">{t('common.none')}</span>}</td>
                <td>{label('language', m.language)}</td>
                <td>
                  {m.mobile ? (
                    <span className="mono nowrap" title={m.mobileMasked ? t('member.phoneMasked') : undefined}>
                      {formatPhone(m.mobile)}
                    </span>
                  ) : (
                    <span className="muted">{t('common.none')}</span>
                  )}
                  <span className="cell-badges">
                    {m.dnd ? (
                      <Badge tone="danger" title={t('member.dndHint')}>
                        {t('member.dnd')}
                      </Badge>
                    ) : null}
                    {!m.contactConsent ? <Badge tone="warning">{t('member.noConsent')}</Badge> : null}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

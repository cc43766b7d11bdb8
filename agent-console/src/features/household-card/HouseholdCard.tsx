import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.js';
import { useLabels } from '../../ui/useLabels.js';
import { ApplicationsPanel } from './ApplicationsPanel.js';
import type { THouseholdCard } from './household.schemas.js';
import { MembersTable } from './MembersTable.js';
import { RecentCalls } from './RecentCalls.js';
import { RecentGrievances } from './RecentGrievances.js';
import { SchemesPanel } from './SchemesPanel.js';

interface THouseholdCardProps {
  card: THouseholdCard;
  /** panels the page adds after the card's own (facilities, the grievance form) */
  children?: ReactNode;
}

/** One family's card: who they are, what they receive, what is pending, what they asked before. */
export function HouseholdCard({ card, children }: THouseholdCardProps) {
  const { t } = useTranslation();
  const { label, pick } = useLabels();
  const head = card.members.find((m) => m.relation === 'head') ?? card.members[0];
  const failed = card.schemes.reduce((sum, s) => sum + s.failedPayments, 0);

  return (
    <article className="household" aria-labelledby={`household-${card.id}-title`} data-testid="household-card">
      <header className="household__header">
        <div>
          <p className="household__eyebrow">{t('household.cardNumber', { number: card.cardNumber })}</p>
          <h2 className="household__title" id={`household-${card.id}-title`}>
            {head ? (
              <>
                <span data-testid="household-head">{head.nameEn}</span>
                <span className="household__title-hi" lang="hi">
                  {head.nameHi}
                </span>
              </>
            ) : (
              t('household.noMembers')
            )}
          </h2>
          <p className="household__address">{card.address}</p>
          <p className="household__place">
            {t('household.place', {
              village: card.village,
              block: pick(card.block.name, card.block.nameHi),
              district: pick(card.district.name, card.district.nameHi),
            })}
            {card.pincode ? ` · ${t('household.pincode', { pincode: card.pincode })}` : ''}
          </p>
        </div>
        <div className="household__badges">
          <Badge tone="info">{t('household.rationCategory', { category: label('rationCategory', card.rationCategory) })}</Badge>
          <Badge>{t('household.memberCount', { count: card.members.length })}</Badge>
          {failed > 0 ? <Badge tone="danger">{t('household.failedPayments', { count: failed })}</Badge> : null}
        </div>
      </header>

      <MembersTable members={card.members} />
      <SchemesPanel schemes={card.schemes} members={card.members} />
      <div className="household__columns">
        <ApplicationsPanel applications={card.openApplications} members={card.members} />
        <RecentGrievances grievances={card.recentGrievances} />
      </div>
      <RecentCalls calls={card.recentCalls} />
      {children}
    </article>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { Badge } from '../../ui/Badge.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useSaveAnswer, type TAnswerValue, type TCampaignCall, type TCampaignQuestion } from './campaign-call.api.js';
import './campaign-call.css';

type TLanguage = 'hi' | 'en';

/**
 * The campaign call's script: why we called this resident, the opening to read (filled in by
 * the server with their name, village, scheme and last payment), and the survey's questions.
 * Each answer is stored the moment it is given, so a call that drops keeps what was said.
 */
export function CampaignScript({ call }: { call: TCampaignCall }) {
  const { t, i18n } = useTranslation();
  const language: TLanguage = i18n.language === 'en' ? 'en' : 'hi';
  const scheme = call.campaign.schemeName?.[language] ?? call.campaign.schemeCode;

  return (
    <section className="panel campaign-script" aria-labelledby="campaign-script-title" data-testid="campaign-script">
      <header className="panel__header">
        <h2 className="panel__title" id="campaign-script-title">
          {t('campaignCall.title')}: {call.campaign.name}
        </h2>
        <div className="panel__aside">
          {scheme ? <Badge tone="info">{scheme}</Badge> : null}
          <span className="muted">{t('campaignCall.attempt', { n: call.contact.attemptNo })}</span>
          <span className="muted">{t('campaignCall.stratum', { stratum: call.contact.stratum })}</span>
        </div>
      </header>
      <div className="panel__body">
        <p className="campaign-script__who" data-testid="campaign-resident">
          <span className="strong">{language === 'hi' ? call.resident.nameHi : call.resident.nameEn}</span>
          {' · '}
          {t('campaignCall.age', { age: call.resident.age })}
          {' · '}
          {call.resident.village}
        </p>
        {call.script ? (
          <blockquote className="campaign-script__opening" lang={language} data-testid="campaign-opening">
            {call.script[language]}
          </blockquote>
        ) : null}
        {call.survey ? (
          <ol className="campaign-script__questions" data-testid="campaign-questions">
            {call.survey.questions.map((q) =>
              // previewed before the call: the questions to come, nothing to answer yet
              call.callId === null ? (
                <li key={q.key} className="campaign-question">
                  <p className="campaign-question__text" lang={language}>
                    {q.text[language]}
                  </p>
                </li>
              ) : (
                <QuestionItem key={q.key} callId={call.callId} question={q} saved={call.answers[q.key]} language={language} />
              ),
            )}
          </ol>
        ) : (
          <p className="muted">{t('campaignCall.noSurvey')}</p>
        )}
      </div>
    </section>
  );
}

function QuestionItem({ callId, question, saved, language }: { callId: string; question: TCampaignQuestion; saved: TAnswerValue | undefined; language: TLanguage }) {
  const { t } = useTranslation();
  const save = useSaveAnswer(callId);
  const [draft, setDraft] = useState(saved === undefined ? '' : String(saved));
  // the choice shows at once; the tick follows when the server has stored it
  const [choice, setChoice] = useState<TAnswerValue | undefined>(saved);
  const name = `q-${question.key}`;
  const problem = save.error instanceof ApiError ? (save.error.fieldMessage('answer') ?? save.error.message) : null;
  const give = (answer: TAnswerValue) => {
    setChoice(answer);
    save.mutate({ questionKey: question.key, answer });
  };

  let input;
  switch (question.type) {
    case 'single':
      input = (
        <div className="choices__list" role="radiogroup" aria-labelledby={`${name}-text`}>
          {(question.options ?? []).map((o) => (
            <label key={o.value} className="choice">
              <input type="radio" name={name} value={o.value} checked={choice === o.value} onChange={() => give(o.value)} data-testid={`${name}-${o.value}`} />
              {o.label[language]}
            </label>
          ))}
        </div>
      );
      break;
    case 'yesno':
      input = (
        <div className="choices__list" role="radiogroup" aria-labelledby={`${name}-text`}>
          {[true, false].map((value) => (
            <label key={String(value)} className="choice">
              <input type="radio" name={name} checked={choice === value} onChange={() => give(value)} data-testid={`${name}-${value ? 'yes' : 'no'}`} />
              {value ? t('campaignCall.yes') : t('campaignCall.no')}
            </label>
          ))}
        </div>
      );
      break;
    case 'rating':
      input = (
        <div className="choices__list" role="radiogroup" aria-labelledby={`${name}-text`}>
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value} className="choice">
              <input type="radio" name={name} checked={choice === value} onChange={() => give(value)} data-testid={`${name}-${value}`} />
              {value}
            </label>
          ))}
        </div>
      );
      break;
    case 'number':
      input = (
        <input
          type="number"
          inputMode="numeric"
          min={question.min}
          max={question.max}
          value={draft}
          aria-labelledby={`${name}-text`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => draft.trim() !== '' && String(saved) !== draft && give(Number(draft))}
          data-testid={name}
        />
      );
      break;
    default:
      input = (
        <textarea
          rows={2}
          maxLength={question.maxLength ?? 2000}
          value={draft}
          aria-labelledby={`${name}-text`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => draft.trim() !== '' && saved !== draft.trim() && give(draft)}
          data-testid={name}
        />
      );
  }

  return (
    <li className="campaign-question" data-testid={`question-${question.key}`} data-saved={saved !== undefined}>
      <p className="campaign-question__text" id={`${name}-text`} lang={language}>
        {question.text[language]}
      </p>
      {input}
      <p className="campaign-question__state" aria-live="polite">
        {save.isPending ? t('campaignCall.saving') : saved !== undefined && !problem ? <span data-testid={`${name}-saved`}>✓ {t('campaignCall.saved')}</span> : null}
      </p>
      {problem ? <ErrorAlert error={save.error} title={t('campaignCall.answerRefused')} /> : null}
    </li>
  );
}

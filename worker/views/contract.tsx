/** The partnership contract as a participant's page shows it. */
import type { MyWeek } from '../db/me.ts';
import type { Participant } from '../db/participants.ts';
import { ContractTerms, Hidden, linkTo, meetingValues } from './parts.tsx';
import { useT } from './i18n.ts';

/** The pair's contract on a participant's page: its state, the terms to read before confirming, and the confirmation. */
export function ContractSection({ participant, token, my, today }: { participant: Participant; token: string; my: MyWeek; today: string }) {
  const t = useT();
  const contract = my.contract;
  return (
    <section aria-labelledby="contract">
      <h2 id="contract">{t('contract.heading')}</h2>
      {!contract ? (
        <p>
          {t('contract.none')} <a href={linkTo('/contract/', token)}>{t('contract.proposeForPartner')}</a>
        </p>
      ) : (
        <>
          <p>
            {t('contract.summary', { version: contract.version, ...meetingValues(t, contract), channel: contract.channel })}{' '}
            {contract.renegotiateOn < today ? (
              <>
                <strong>{t('contract.review.passed', { date: t.date(contract.renegotiateOn, 'year') })}</strong> {t('contract.review.again')}
              </>
            ) : (
              t('contract.review.on', { date: t.date(contract.renegotiateOn, 'year') })
            )}
          </p>
          <p>
            {contract.agreed ? (
              <>
                <strong>{t('contract.agreed')}</strong> {t('contract.agreed.by', { group: my.partners.length > 1 ? 'more' : 'two' })}
              </>
            ) : (
              t('contract.waiting', { names: t.list(contract.waitingFor.map((p) => p.displayName)), count: contract.waitingFor.length })
            )}
          </p>
          {contract.waitingFor.some((p) => p.id === participant.id) && (
            <>
              <details>
                <summary>{t('contract.readFirst')}</summary>
                <ContractTerms terms={contract} />
              </details>
              <form method="post" action="/api/me/contract-confirmations">
                <Hidden token={token} />
                <input type="hidden" name="contract_id" value={contract.id} />
                <input type="hidden" name="revision" value={contract.revision} />
                <button type="submit">{t('contract.confirm', { version: contract.version })}</button>
              </form>
            </>
          )}
          <p>
            <a href={linkTo('/contract/', token)}>{t('contract.newVersion')}</a>
          </p>
        </>
      )}
    </section>
  );
}

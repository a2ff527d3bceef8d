/** The partnership contract as a participant's page shows it. */
import type { MyWeek } from '../db/me.ts';
import type { Participant } from '../db/participants.ts';
import { capitalise, ContractTerms, Hidden, linkTo } from './parts.tsx';

/** The pair's contract on a participant's page: its state, the terms to read before confirming, and the confirmation. */
export function ContractSection({ participant, token, my, today }: { participant: Participant; token: string; my: MyWeek; today: string }) {
  const contract = my.contract;
  return (
    <section aria-labelledby="contract">
      <h2 id="contract">Your partnership contract</h2>
      {!contract ? (
        <p>
          No contract yet. <a href={linkTo('/contract/', token)}>Propose one</a> for your partner to confirm.
        </p>
      ) : (
        <>
          <p>
            Version {contract.version}: meet {contract.cadenceDays === 14 ? 'every two weeks' : 'every week'} on {capitalise(contract.meetingDay)} at{' '}
            {contract.meetingTime}, {contract.channel}.{' '}
            {contract.renegotiateOn < today ? (
              <>
                <strong>Its review date, {contract.renegotiateOn}, has passed:</strong> time to look at it together again.
              </>
            ) : (
              `Review on ${contract.renegotiateOn}.`
            )}
          </p>
          <p>
            {contract.agreed ? (
              <>
                <strong>Agreed</strong> by {my.partners.length > 1 ? 'all' : 'both'} of you.
              </>
            ) : (
              `Not agreed yet: waiting for ${contract.waitingFor.map((p) => p.displayName).join(' and ')} to confirm.`
            )}
          </p>
          {contract.waitingFor.some((p) => p.id === participant.id) && (
            <>
              <details>
                <summary>Read it before you confirm</summary>
                <ContractTerms terms={contract} />
              </details>
              <form method="post" action="/api/me/contract-confirmations">
                <Hidden token={token} />
                <input type="hidden" name="contract_id" value={contract.id} />
                <input type="hidden" name="revision" value={contract.revision} />
                <button type="submit">I agree to version {contract.version}</button>
              </form>
            </>
          )}
          <p>
            <a href={linkTo('/contract/', token)}>Propose a new version</a>
          </p>
        </>
      )}
    </section>
  );
}


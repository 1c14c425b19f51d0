import type { Agreement } from './expert-labeling.store.js';

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** Agreement between labelers per question, and the cases they disagree on (with any adjudicated gold label). */
export function AgreementTable({ report }: { report: Agreement }) {
  return (
    <>
      <h3 className="panel-label">Agreement</h3>
      <table className="table" data-testid="expert-agreement">
        <thead>
          <tr>
            <th>Question</th>
            <th className="cell-number">Cases</th>
            <th className="cell-number">Cohen's κ (pairs)</th>
            <th className="cell-number">Fleiss' κ</th>
            <th className="cell-number">Krippendorff's α nominal</th>
            <th className="cell-number">α ordinal</th>
            <th>Disagreements</th>
          </tr>
        </thead>
        <tbody>
          {report.questions.map((q) => (
            <tr key={q.question} data-question={q.question}>
              <td>{q.question}</td>
              <td className="cell-number">{q.units}</td>
              <td className="cell-number">{fmt(q.cohenKappa)}</td>
              <td className="cell-number">{fmt(q.fleissKappa)}</td>
              <td className="cell-number">{fmt(q.krippendorffAlphaNominal)}</td>
              <td className="cell-number">{fmt(q.krippendorffAlphaOrdinal)}</td>
              <td>
                {q.disagreements
                  .map((d) => `${d.caseKey}: ${Object.entries(d.labels).map(([who, v]) => `${who}=${JSON.stringify(v)}`).join(', ')}${d.gold !== null ? ` (gold ${JSON.stringify(d.gold)})` : ''}`)
                  .join(' · ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

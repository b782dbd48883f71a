import { randomUUID } from 'node:crypto';
import type { Database } from './db/database';

/**
 * How each conversation ended, with the triage labels and never the message text: what the
 * deflection rate and the escalation figures are computed from.
 */
export const OUTCOMES = ['solved-by-article', 'handed-to-admin', 'escalated', 'boundary-routed', 'out-of-scope', 'presales-answered', 'abandoned'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface OutcomeRecord {
  outcome: Outcome;
  channelId: string;
  tenantId?: string;
  role: string;
  lang?: string;
  category?: string | null;
  subcategory?: string | null;
  severity?: string | null;
  topic?: string | null;
  caseNumber?: string | null;
}

export interface OutcomeStats {
  since: string;
  conversations: number;
  byOutcome: Record<string, number>;
  /** Conversations solved by an article among those that ended in an article, a handoff or a case. */
  deflectionRate: number | null;
  escalations: { byCategory: Record<string, number>; bySeverity: Record<string, number> };
  firstResponse: { met: number; breached: number; pending: number };
}

export class OutcomeStore {
  constructor(private readonly db: Database) {}

  async record(r: OutcomeRecord, at: Date = new Date()): Promise<void> {
    await this.db.run(
      `INSERT INTO conversation_outcomes (id, recorded_at, channel_id, tenant_id, role, outcome, lang, category, subcategory, severity, topic, case_number)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [randomUUID(), at.toISOString(), r.channelId, r.tenantId ?? null, r.role, r.outcome, r.lang ?? null, r.category ?? null, r.subcategory ?? null, r.severity ?? null, r.topic ?? null, r.caseNumber ?? null],
    );
  }

  async stats(since: Date): Promise<OutcomeStats> {
    const rows = await this.db.all<{ outcome: string; category: string | null; severity: string | null }>(
      'SELECT outcome, category, severity FROM conversation_outcomes WHERE recorded_at >= $1',
      [since.toISOString()],
    );
    const byOutcome: Record<string, number> = {};
    const byCategory: Record<string, number> = {};
    const bySeverity: Record<string, number> = {};
    for (const r of rows) {
      byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
      if (r.outcome === 'escalated') {
        byCategory[r.category ?? 'unknown'] = (byCategory[r.category ?? 'unknown'] ?? 0) + 1;
        if (r.severity) bySeverity[r.severity] = (bySeverity[r.severity] ?? 0) + 1;
      }
    }
    const solved = byOutcome['solved-by-article'] ?? 0;
    const needingHelp = solved + (byOutcome['handed-to-admin'] ?? 0) + (byOutcome.escalated ?? 0);
    const responses = await this.db.all<{ first_response_at: string | null; due_at: string | null }>(
      'SELECT first_response_at, due_at FROM cases WHERE created_at >= $1',
      [since.toISOString()],
    );
    const firstResponse = { met: 0, breached: 0, pending: 0 };
    for (const c of responses) {
      if (!c.first_response_at) firstResponse.pending++;
      else if (c.due_at && Date.parse(c.first_response_at) > Date.parse(c.due_at)) firstResponse.breached++;
      else firstResponse.met++;
    }
    return {
      since: since.toISOString(),
      conversations: rows.length,
      byOutcome,
      deflectionRate: needingHelp ? solved / needingHelp : null,
      escalations: { byCategory, bySeverity },
      firstResponse,
    };
  }
}

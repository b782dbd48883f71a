import { CARD_VERBS, readCardAction, verbAction } from '../../cards';

describe('card actions', () => {
  it('renders Action.Execute for Teams and Action.Submit for Web Chat, the verb always in the data', () => {
    expect(verbAction('execute', 'case.view', 'View', { caseNumber: 'SR-000001' })).toEqual({
      type: 'Action.Execute',
      title: 'View',
      verb: 'case.view',
      data: { verb: 'case.view', caseNumber: 'SR-000001' },
    });
    expect(verbAction('submit', 'case.close', 'Close', { caseNumber: 'SR-000001' }, { inputs: 'none', style: 'destructive' })).toEqual({
      type: 'Action.Submit',
      title: 'Close',
      style: 'destructive',
      associatedInputs: 'none',
      data: { verb: 'case.close', caseNumber: 'SR-000001' },
    });
    // Optional ids left undefined are not sent.
    expect(verbAction('submit', 'case.assignToMe', 'Assign', { caseNumber: 'SR-000001', expectedVersion: undefined }).data).toEqual({ verb: 'case.assignToMe', caseNumber: 'SR-000001' });
  });

  it('reads back what either channel sends', () => {
    expect(readCardAction({ action: { type: 'Action.Execute', verb: 'case.reply', data: { verb: 'case.reply', caseNumber: 'SR-000001', reply: 'Hello' } }, trigger: 'manual' })).toEqual({
      verb: 'case.reply',
      values: { verb: 'case.reply', caseNumber: 'SR-000001', reply: 'Hello' },
      trigger: 'manual',
    });
    expect(readCardAction({ action: { type: 'Action.Execute', verb: 'case.refresh', data: { caseNumber: 'SR-000001' } }, trigger: 'automatic' })).toMatchObject({ verb: 'case.refresh', trigger: 'automatic' });
    expect(readCardAction({ verb: 'case.submit', submissionKey: 'k', title: 'T' })).toEqual({ verb: 'case.submit', values: { verb: 'case.submit', submissionKey: 'k', title: 'T' } });
    expect(readCardAction({ verb: 'admin.grantMe' })).toBeUndefined();
    expect(readCardAction('case.view')).toBeUndefined();
    expect(readCardAction(undefined)).toBeUndefined();
  });

  it('lists every verb once', () => {
    expect(new Set(CARD_VERBS).size).toBe(CARD_VERBS.length);
  });
});

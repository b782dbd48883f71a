import { matchChoice, parseCommand, parseYesNo } from '../../dialogs/commands';

describe('typed commands', () => {
  it.each([
    ['help', { kind: 'help', said: 'en' }],
    ['Aide !', { kind: 'help', said: 'fr' }],
    ['annuler', { kind: 'cancel', said: 'fr' }],
    ['Cancel.', { kind: 'cancel', said: 'en' }],
    ['stop', { kind: 'cancel' }],
    ['recommencer', { kind: 'restart', said: 'fr' }],
    ['Français', { kind: 'language', lang: 'fr' }],
    ['francais', { kind: 'language', lang: 'fr' }],
    ['english', { kind: 'language', lang: 'en' }],
    ['my cases', { kind: 'myCases', said: 'en' }],
    ['Mes demandes', { kind: 'myCases', said: 'fr' }],
    ['SR-000123', { kind: 'case', action: 'view', caseNumber: 'SR-000123' }],
    ['status of SR-000123?', { kind: 'case', action: 'view', caseNumber: 'SR-000123' }],
    ['où en est sr 000123', { kind: 'case', action: 'view', caseNumber: 'SR-000123' }],
    ['rouvrir SR-000123', { kind: 'case', action: 'reopen', caseNumber: 'SR-000123' }],
    ['please reopen sr-0001234', { kind: 'case', action: 'reopen', caseNumber: 'SR-0001234' }],
    ['close SR-000777', { kind: 'case', action: 'close', caseNumber: 'SR-000777' }],
    ['register queue', { kind: 'registerQueue' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('leaves problem descriptions alone', () => {
    expect(parseCommand('nobody can send mail since this morning')).toBeUndefined();
    expect(parseCommand('help me, outlook keeps asking for my password every five minutes')).toBeUndefined();
    expect(parseCommand('we opened SR-000123 last week but now the whole company cannot receive any email at all')).toBeUndefined();
  });

  it('reads yes and no in both languages', () => {
    expect(parseYesNo('Oui')).toBe(true);
    expect(parseYesNo("d'accord")).toBe(true);
    expect(parseYesNo('yes')).toBe(true);
    expect(parseYesNo('non')).toBe(false);
    expect(parseYesNo('nope')).toBe(false);
    expect(parseYesNo('maybe later')).toBeUndefined();
  });

  it('matches a typed answer to the offered choices', () => {
    const choices = [
      { value: 'solved', titles: ['This solved it', 'Problème résolu'] },
      { value: 'notSolved', titles: ['Not solved', 'Pas résolu'] },
      { value: 'contact', titles: ['Contact support', 'Contacter le support'] },
    ] as const;
    expect(matchChoice('2', choices)).toBe('notSolved');
    expect(matchChoice('contacter le support', choices)).toBe('contact');
    expect(matchChoice('probleme resolu', choices)).toBe('solved');
    expect(matchChoice('contact', choices)).toBe('contact');
    expect(matchChoice('7', choices)).toBeUndefined();
    expect(matchChoice('banana', choices)).toBeUndefined();
  });
});

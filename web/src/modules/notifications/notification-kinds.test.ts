/**
 * No raw codes in the bell: every notification kind the API can send (its generated type) is
 * listed here — a new kind fails the type check until it is — and each has a label in both
 * languages that is not the code itself.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { allOf } from '../../api/types';
import { en, ja } from '../../locales/index';
import type { Notification } from './api';
import { notificationText } from './notification-text';

const KINDS = allOf<Notification['kind']>()(['first_contact_overdue', 'watch_alert', 'watch_alert_reminder']);

describe('notification kinds', () => {
  it.each([
    ['ja', ja],
    ['en', en],
  ] as const)('each kind reads as words in %s, with what it is about', async (lang, tree) => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: lang, resources: { [lang]: { translation: tree } }, interpolation: { escapeValue: false } });
    for (const kind of KINDS) {
      const text = notificationText(
        {
          id: 'x',
          kind,
          case_id: null,
          target: null,
          created_at: '',
          read_at: null,
          data: { case_number: 12, type: 'emergency_button', reason: 'critical' },
        },
        i18n.t,
      );
      expect(text, kind).not.toContain(kind);
      expect(text, kind).not.toContain('notifications.');
      expect(text, kind).not.toContain('{{');
      expect(text.length, kind).toBeGreaterThan(5);
      if (kind === 'first_contact_overdue') expect(text).toContain('12');
      else
        expect(text).toContain(
          lang === 'ja' ? '緊急ボタン' : (tree.alerts as Record<string, Record<string, string>>).type.emergency_button,
        );
    }
  });
});

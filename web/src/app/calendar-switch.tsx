import { useTranslation } from 'react-i18next';
import { setCalendarChoice, useCalendarChoice } from './calendar';

/** 和暦を併記 on/off: a toggle button in the header, kept per person in this browser. */
export function CalendarSwitch() {
  const { t } = useTranslation();
  const choice = useCalendarChoice();
  const on = choice === 'wareki';
  return (
    <button
      type="button"
      className="lang-switch__btn calendar-switch"
      aria-pressed={on}
      onClick={() => setCalendarChoice(on ? 'western' : 'wareki')}
    >
      {t('paper.calendar.toggle')}
    </button>
  );
}

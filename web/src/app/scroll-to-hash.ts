import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';

/** How long a link to a section (/people/1#watchers) waits for the page's data to draw it. */
const WAIT_MS = 5000;

/**
 * Links into a section of a page (the alert ladder's "見守り者を登録する" → the person's watchers)
 * land on it: the browser's own jump happens before the page has fetched and drawn the section,
 * so wait for the element, then scroll to it and move focus there (screen readers follow).
 */
export function useScrollToHash() {
  const { hash, pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the same #section on another page must land too
  useEffect(() => {
    const id = decodeURIComponent(hash.slice(1));
    if (!id || id === 'main') return;
    let done = false;
    const land = () => {
      const el = document.getElementById(id);
      if (!el || done) return false;
      done = true;
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
      return true;
    };
    if (land()) return;
    const observer = new MutationObserver(() => {
      if (land()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), WAIT_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [hash, pathname]);
}

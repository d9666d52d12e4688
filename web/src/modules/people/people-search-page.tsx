import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, TextInput } from '../../app/ui/fields';
import { ErrorAlert, Loading, PageHeading, TableWrap } from '../../app/ui/page';
import { usePeopleSearch } from './api';

/** Search by name, kana or address. Each search is audited server-side, so it runs on submit only. */
export function PeopleSearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const res = usePeopleSearch(q);

  function submit(e: FormEvent) {
    e.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  }
  const items = res.data?.items ?? [];
  return (
    <>
      <PageHeading title={t('people.title')} />
      <form role="search" className="inline-form card" onSubmit={submit}>
        <TextInput label={t('people.searchLabel')} description={t('people.searchHint')} value={text} onChange={setText} />
        <Button type="submit" isDisabled={!text.trim()}>
          {t('common.search')}
        </Button>
      </form>
      <ErrorAlert error={res.error} />
      <Loading show={res.loading && !!q} />
      {q && res.data && (
        <p role="status" className="muted">
          {t('people.resultCount', { count: items.length })}
        </p>
      )}
      {items.length > 0 && (
        <TableWrap label={t('people.results')}>
          <table className="table">
            <caption className="visually-hidden">{t('people.results')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('person.kana')}</th>
                <th scope="col">{t('person.birthYear')}</th>
                <th scope="col">{t('person.address')}</th>
                <th scope="col">{t('person.livingAlone')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/people/${p.id}`} className="row-link">
                      {p.name ?? t('person.unnamed')}
                    </Link>
                  </td>
                  <td>{p.kana ?? '—'}</td>
                  <td>{p.birth_year ?? '—'}</td>
                  <td>{p.address ?? '—'}</td>
                  <td>{p.living_alone === null ? '—' : p.living_alone ? t('common.yes') : t('common.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

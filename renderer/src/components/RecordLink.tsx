import type { ReactNode } from 'react';
import { navigate } from '../lib/router';

/** A link to a page of the app (its hash path, written once): `<RecordLink to={`/minutes/${id}`}>{title}</RecordLink>`. */
export function RecordLink({ to, title, children }: { to: string; title?: string; children: ReactNode }) {
  return (
    <a
      href={`#${to}`}
      title={title}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

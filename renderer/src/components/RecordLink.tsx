import type { CSSProperties, ReactNode } from 'react';
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

/**
 * A link that does something on this page instead of going to another (opens a record's drawer, shows a file,
 * folds a section): `<ActionLink onClick={() => setOpen(r.id)}>{name}</ActionLink>`. A link, as a name in a list reads.
 */
export function ActionLink({ onClick, style, children }: { onClick: () => void; style?: CSSProperties; children: ReactNode }) {
  return (
    <a
      href="#"
      style={style}
      onClick={(e) => {
        e.preventDefault();
        onClick();
      }}
    >
      {children}
    </a>
  );
}

import type { ComponentChildren } from 'preact';
import { isPlainClick, navigate } from '../state/route';

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  current?: boolean;
}

/** An in-app link: a real <a> (keyboard, new tab, copy link) that navigates without reloading. */
export function Link({ href, children, class: className, current }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} class={className} onClick={onClick} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

import { Placeholder } from '../../app/Placeholder';
import type { RouteProps } from '../../app/routes';

/** Stand-in until the screen is built. */
export function HallPage(props: Readonly<Pick<RouteProps, 'online' | 'active'>>) {
  void props;
  return <Placeholder titleKey="app:nav.hall" testId="hall-page" />;
}

import { Workspace } from '../workspace/Workspace';
import { applicationsWorkspace } from './definition';

/** The route's component: the application queue workspace. */
export function ApplicationsPage(props: Readonly<{ online: boolean; active: boolean }>) {
  return <Workspace def={applicationsWorkspace} online={props.online} active={props.active} />;
}

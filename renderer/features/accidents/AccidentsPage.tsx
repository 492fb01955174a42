import { Workspace } from '../workspace/Workspace';
import { accidentsWorkspace } from './definition';

/** The route's component: the accident queue workspace. */
export function AccidentsPage(props: Readonly<{ online: boolean; active: boolean }>) {
  return <Workspace def={accidentsWorkspace} online={props.online} active={props.active} />;
}

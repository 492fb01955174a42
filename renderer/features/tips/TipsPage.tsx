import { Workspace } from '../workspace/Workspace';
import { tipsWorkspace } from './definition';

/** The route's component: the tip queue workspace. */
export function TipsPage(props: Readonly<{ online: boolean; active: boolean }>) {
  return <Workspace def={tipsWorkspace} online={props.online} active={props.active} />;
}

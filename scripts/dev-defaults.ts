/** The local run command's fixed settings live beside the configuration: the CLI reads them too. */
export { DEV } from '../src/config/dev-defaults';

// A task cannot run in its container: the image is missing and cannot be pulled, or a path cannot be mounted.
import { PipeError } from '../errors.js';

export class ContainerError extends PipeError {
  override readonly code = 'CONTAINER_ERROR';
}

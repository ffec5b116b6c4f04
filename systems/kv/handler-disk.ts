import type { Disk, DiskWriteResult } from '../../sim/node-api.ts';

/**
 * The node's disk with every fsync callback run as a handler of the node (NodeRuntime.enter):
 * a replica that acknowledges a durable write to itself (its own coordinator) then has that
 * message delivered like any other it sends itself. `enter` takes the callback and its result
 * as arguments, so an fsync costs one closure (the one the disk holds), not two.
 */
export function handlerDisk(disk: Disk, enter: (done: (result: DiskWriteResult) => void, result: DiskWriteResult) => void): Disk {
  return {
    read: (file) => disk.read(file),
    write: (file, bytes) => disk.write(file, bytes),
    append: (file, bytes) => disk.append(file, bytes),
    remove: (file) => disk.remove(file),
    list: () => disk.list(),
    fsync: (file, done) => disk.fsync(file, (result) => enter(done, result)),
  };
}

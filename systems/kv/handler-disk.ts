import type { Disk } from '../../sim/node-api.ts';

/**
 * The node's disk with every fsync callback run through `enter`, as a handler of the node: a
 * replica that acknowledges a durable write to itself (its own coordinator) then has that
 * message delivered like any other it sends itself (NodeRuntime.enter).
 */
export function handlerDisk(disk: Disk, enter: (handler: () => void) => void): Disk {
  return {
    read: (file) => disk.read(file),
    write: (file, bytes) => disk.write(file, bytes),
    append: (file, bytes) => disk.append(file, bytes),
    remove: (file) => disk.remove(file),
    list: () => disk.list(),
    fsync: (file, done) => disk.fsync(file, (result) => enter(() => done(result))),
  };
}

/** The trail buckets to judge: one entry per bucket, however many trails deliver to it. */
import type { AuditData } from "../data";
import type { BucketFacts } from "../collect/s3";

export interface TrailBucket {
  readonly facts: BucketFacts;
  readonly trailNames: readonly string[];
  readonly arn: string;
  /** The bucket's region, or the home region of its first trail when GetBucketLocation failed. */
  readonly region: string;
}

export function trailBuckets(data: AuditData): TrailBucket[] {
  const byName = new Map<string, { trails: string[]; homeRegion: string }>();
  for (const trail of data.trails) {
    if (!trail.s3BucketName) {
      continue;
    }
    const entry = byName.get(trail.s3BucketName) ?? { trails: [], homeRegion: trail.homeRegion };
    entry.trails.push(trail.name);
    byName.set(trail.s3BucketName, entry);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, entry]) => {
      const facts = data.buckets.get(name);
      if (!facts) {
        throw new Error(`no facts were collected for bucket ${name}`);
      }
      return {
        facts,
        trailNames: entry.trails,
        arn: `arn:${data.partition}:s3:::${name}`,
        region: facts.region.ok ? facts.region.value : entry.homeRegion,
      };
    });
}

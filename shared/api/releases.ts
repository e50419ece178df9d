import { z } from "zod";
import { Actor } from "./access.ts";
import { AssociationParams } from "./catalogue.ts";

/**
 * An association's release of a year: its analyst publishes the members' values of every active
 * catalogue indicator for the year, frozen as they stand at that moment, with each member's rank and
 * quartile and the year's statistics. Members' positions (`GET .../position`) are read only from the
 * year's latest release, never from live values: a member's later writes do not move its answer until
 * the next release, so writing its own value and reading its position (the bisection attack) tells a
 * member nothing about the others. Between two releases the analysts work on live values (comparison,
 * completeness) — that is the next release being prepared; members keep seeing the last one.
 */

export const ReleaseYear = z.coerce.number().int().min(1900).max(2200);

export const Release = z
  .object({
    year: z.number().int(),
    /** 1 for the year's first release, +1 for each later one. */
    number: z.number().int().min(1),
    publishedAt: z.iso.datetime(),
    publishedBy: Actor,
  })
  .meta({ id: "Release" });
export type Release = z.infer<typeof Release>;

/** `POST /v1/associations/{id}/releases/{year}` (no body): publishes the year's values as they stand. */
export const ReleaseParams = AssociationParams.extend({ year: ReleaseYear });

export const ReleaseListQuery = z.object({ year: ReleaseYear.optional() });

/** `GET /v1/associations/{id}/releases?year=`: the association's releases, newest first. */
export const ReleaseList = z.object({ releases: z.array(Release) }).meta({ id: "ReleaseList" });
export type ReleaseList = z.infer<typeof ReleaseList>;

import { Button, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ApiClient } from "../../../shared/api/client.ts";
import { type Release, ReleaseYear } from "../../../shared/api/releases.ts";
import type { Language } from "../../../shared/model/plan.ts";
import type { Strings } from "../strings.ts";

/**
 * The analyst's release of a year: which release the members' positions come from now, and the button
 * that publishes the year's values as they stand (shared/api/releases.ts). Until then members see the
 * previous release, or none.
 */
export function ReleaseControl(props: {
  client: () => ApiClient;
  associationId: string;
  /** The year as typed in the form; nothing is asked of the store until it is a year. */
  year: string;
  language: Language;
  t: Strings;
  busy: boolean;
  act: (work: () => Promise<void>) => Promise<void>;
}) {
  const c = props.t.compare;
  const year = ReleaseYear.safeParse(props.year);
  const [latest, setLatest] = useState<Release | null>();

  useEffect(() => {
    setLatest(undefined);
    if (!year.success || !props.associationId) return;
    let current = true;
    // Only what the pane shows: a failure here leaves the line empty; publishing reports its own errors.
    props.client().releases(props.associationId, year.data).then(
      (list) => current && setLatest(list.releases[0] ?? null),
      () => undefined,
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.associationId, year.success && year.data]);

  if (!year.success) return null;
  const when = (at: string) => new Date(at).toLocaleString(props.language, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div data-testid="release">
      <Text weight="semibold" block>
        {c.releaseTitle}
      </Text>
      <Text size={200} block>
        {c.releaseHint}
      </Text>
      {latest !== undefined && (
        <Text size={200} block data-testid="release-status">
          {latest ? c.released(latest.year, latest.number, when(latest.publishedAt)) : c.notReleased(year.data)}
        </Text>
      )}
      <Button
        onClick={() => props.act(async () => setLatest(await props.client().publishRelease(props.associationId, year.data)))}
        disabled={props.busy || !props.associationId}
      >
        {c.publishRelease(year.data)}
      </Button>
    </div>
  );
}

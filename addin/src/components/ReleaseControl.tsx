import { Button, Text } from "@fluentui/react-components";
import { useEffect, useEffectEvent, useState } from "react";
import type { ApiClient } from "../../../shared/api/client.ts";
import { type Release, ReleaseYear } from "../../../shared/api/releases.ts";
import type { Language } from "../../../shared/model/plan.ts";
import { useAction } from "../state/useAction.ts";
import type { Strings } from "../strings.ts";
import { ActionResult } from "./ActionResult.tsx";

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
}) {
  const c = props.t.compare;
  const year = ReleaseYear.safeParse(props.year);
  const [latest, setLatest] = useState<Release | null>();
  const publish = useAction("publish");

  const releaseYear = year.success ? year.data : undefined;
  // The client as it is now; a new client alone (a re-render) asks nothing again.
  const releases = useEffectEvent((associationId: string, y: number) => props.client().releases(associationId, y));
  useEffect(() => {
    setLatest(undefined);
    if (releaseYear === undefined || !props.associationId) return;
    let current = true;
    // Only what the pane shows: a failure here leaves the line empty; publishing reports its own errors.
    releases(props.associationId, releaseYear).then(
      (list) => current && setLatest(list.releases[0] ?? null),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [props.associationId, releaseYear]);

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
        onClick={() => publish.run(async () => setLatest(await props.client().publishRelease(props.associationId, year.data)))}
        disabled={publish.busy || !props.associationId}
      >
        {c.publishRelease(year.data)}
      </Button>
      <ActionResult id="publish" t={props.t} language={props.language} />
    </div>
  );
}

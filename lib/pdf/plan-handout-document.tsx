import "server-only";
// The plan handout as an A4 PDF (decision 031): what app/_components/printable-plan.tsx shows, on
// the clinic's letterhead, with each activity's pictures. Pure layout: the data, pictures already
// converted to JPEG/PNG (all react-pdf embeds), come from lib/domain/plans/plan-handout.ts.
// @react-pdf/renderer is a server external (next.config.js): it never reaches a client bundle.
import path from "node:path";
import { Document, Font, Image, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";

export type HandoutImage = { data: Buffer; format: "jpg" | "png"; width: number; height: number };
export type HandoutPicture = HandoutImage & { caption: string | null };

export type HandoutActivity = {
  name: string;
  /** describeDose(...), "" when the activity has no dose. */
  dose: string;
  instructions: string;
  setting: "HOME" | "IN_CLINIC" | "BOTH";
  onHold: boolean;
  pictures: HandoutPicture[];
  /** Pictures left out to keep the file small (shown in the app). */
  morePictures: number;
};

export type HandoutData = {
  clinic: { name: string; address: string | null; phone: string | null; logo: HandoutImage | null };
  patientName: string;
  title: string;
  clinicianName: string;
  /** Already formatted ("1 Nov 2026"). */
  started: string;
  nextReview: string | null;
  goals: string;
  /** The day the file was made, in the clinic's time zone ("5 December 2026"). */
  generated: string;
  /** ACTIVE and ON_HOLD activities, in plan order. */
  activities: HandoutActivity[];
};

// Geist, the app's own face, from the installed package (TTF: react-pdf embeds a subset). Covers
// Latin, Greek and Cyrillic, unlike the PDF standard fonts (WinAnsi only).
const fontDir = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "geist", "dist", "fonts", "geist-sans");
Font.register({
  family: "Geist",
  fonts: [
    { src: path.join(fontDir, "Geist-Regular.ttf"), fontWeight: 400 },
    { src: path.join(fontDir, "Geist-SemiBold.ttf"), fontWeight: 600 },
  ],
});
// Words are never split with a hyphen (an exercise name broken across lines reads badly).
Font.registerHyphenationCallback((word) => [word]);

const SLATE_900 = "#0f172a";
const SLATE_600 = "#475569";
const SLATE_300 = "#cbd5e1";
const BRAND = "#0f766e";

const s = StyleSheet.create({
  page: { fontFamily: "Geist", fontSize: 10.5, color: SLATE_900, paddingTop: 36, paddingBottom: 52, paddingHorizontal: 42 },
  // Line height is set on the running text, not the page: on the page it hides render-prop texts (react-pdf 4.9).
  body: { lineHeight: 1.35 },
  letterhead: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start", borderBottomWidth: 2, borderBottomColor: BRAND, paddingBottom: 10 },
  clinicBlock: { flexDirection: "row", alignItems: "center", maxWidth: "62%" },
  logo: { maxHeight: 44, maxWidth: 88, marginRight: 10, objectFit: "contain" },
  clinicName: { fontSize: 14, fontWeight: 600, color: BRAND, marginBottom: 2 },
  clinicLine: { fontSize: 9.5, color: SLATE_600 },
  patientBlock: { alignItems: "flex-end", maxWidth: "38%" },
  small: { fontSize: 9, color: SLATE_600 },
  patientName: { fontSize: 12, fontWeight: 600, textAlign: "right" },
  title: { fontSize: 17, fontWeight: 600, marginTop: 12 },
  meta: { color: SLATE_600, marginTop: 4 },
  h2: { fontSize: 13, fontWeight: 600, marginTop: 14, paddingBottom: 2, borderBottomWidth: 1.5, borderBottomColor: SLATE_900 },
  h3: { fontSize: 11.5, fontWeight: 600 },
  intro: { fontSize: 9.5, color: SLATE_600, marginTop: 3, marginBottom: 2, lineHeight: 1.35 },
  activity: { paddingVertical: 8, borderBottomWidth: 0.75, borderBottomColor: SLATE_300 },
  dose: { fontWeight: 600, marginTop: 1 },
  note: { fontSize: 9.5, color: SLATE_600, marginTop: 1 },
  steps: { marginTop: 3, lineHeight: 1.35 },
  pictures: { flexDirection: "row", flexWrap: "wrap", marginTop: 6, gap: 10 },
  picture: { width: 180 },
  image: { width: 180, maxHeight: 135, objectFit: "contain", objectPosition: "left top" },
  caption: { fontSize: 8.5, color: SLATE_600, marginTop: 2 },
  footer: { position: "absolute", left: 42, right: 42, bottom: 22, flexDirection: "row", justifyContent: "space-between", fontSize: 8, color: SLATE_600, borderTopWidth: 0.75, borderTopColor: SLATE_300, paddingTop: 4 },
});

function Activity({ activity }: { activity: HandoutActivity }) {
  return (
    <View style={s.activity}>
      {/* Name, dose and notes stay together; steps and pictures may run on to the next page. */}
      <View wrap={false}>
        <Text style={s.h3}>{activity.name}</Text>
        {activity.dose !== "" && <Text style={s.dose}>{activity.dose}</Text>}
        {activity.onHold && <Text style={s.note}>Paused for now: wait until your clinician tells you to start again.</Text>}
        {activity.setting === "BOTH" && <Text style={s.note}>We also practise this together at the clinic.</Text>}
      </View>
      <Text style={s.steps}>{activity.instructions}</Text>
      {activity.pictures.length > 0 && (
        <View style={s.pictures}>
          {activity.pictures.map((picture, i) => (
            <View key={i} style={s.picture} wrap={false}>
              {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image has no alt text (the PDF is untagged: decision 031); the caption is text beside it. */}
              <Image style={s.image} src={{ data: picture.data, format: picture.format }} />
              {picture.caption && <Text style={s.caption}>{picture.caption}</Text>}
            </View>
          ))}
        </View>
      )}
      {activity.morePictures > 0 && (
        <Text style={s.note}>
          {activity.morePictures} more {activity.morePictures === 1 ? "picture" : "pictures"} in the app.
        </Text>
      )}
    </View>
  );
}

function Group({ title, intro, activities }: { title: string; intro: string; activities: HandoutActivity[] }) {
  if (activities.length === 0) return null;
  return (
    <View>
      <View wrap={false} minPresenceAhead={80}>
        <Text style={s.h2}>{title}</Text>
        <Text style={s.intro}>{intro}</Text>
      </View>
      {activities.map((a, i) => (
        <Activity key={i} activity={a} />
      ))}
    </View>
  );
}

export function PlanHandoutDocument({ data }: { data: HandoutData }) {
  const home = data.activities.filter((a) => a.setting !== "IN_CLINIC");
  const clinic = data.activities.filter((a) => a.setting === "IN_CLINIC");
  const contact = [data.clinic.name, data.clinic.phone].filter(Boolean).join(" · ");
  return (
    <Document title={`Treatment plan: ${data.title}`} author={data.clinic.name} creator="Riverside Plans" producer="Riverside Plans" language="en-GB">
      <Page size="A4" style={s.page}>
        <View style={s.footer} fixed>
          <Text>{contact}</Text>
          <Text render={({ pageNumber, totalPages }) => `Made ${data.generated} · page ${pageNumber} of ${totalPages}`} />
        </View>
        <View style={s.letterhead}>
          <View style={s.clinicBlock}>
            {/* eslint-disable-next-line jsx-a11y/alt-text -- react-pdf's Image has no alt text; the clinic's name follows as text. */}
            {data.clinic.logo && <Image style={s.logo} src={{ data: data.clinic.logo.data, format: data.clinic.logo.format }} />}
            <View>
              <Text style={s.clinicName}>{data.clinic.name}</Text>
              {data.clinic.address && <Text style={s.clinicLine}>{data.clinic.address}</Text>}
              {data.clinic.phone && <Text style={s.clinicLine}>Phone {data.clinic.phone}</Text>}
            </View>
          </View>
          <View style={s.patientBlock}>
            <Text style={s.small}>Treatment plan for</Text>
            <Text style={s.patientName}>{data.patientName}</Text>
            <Text style={s.small}>{data.generated}</Text>
          </View>
        </View>
        <Text style={s.title}>{data.title}</Text>
        <Text style={s.meta}>
          With {data.clinicianName} · started {data.started}
          {data.nextReview ? ` · next review ${data.nextReview}` : ""}
        </Text>
        <View wrap={false}>
          <Text style={s.h2}>Goals</Text>
          <Text style={[s.body, { marginTop: 3 }]}>{data.goals}</Text>
        </View>
        {data.activities.length === 0 && <Text style={{ marginTop: 14 }}>There are no activities in this plan yet.</Text>}
        <Group
          title="At home"
          intro="Do these on your own, as often as shown. Stop and contact the clinic if an activity causes sharp or increasing pain."
          activities={home}
        />
        <Group title="In the clinic" intro="Your clinician gives these treatments during your sessions." activities={clinic} />
      </Page>
    </Document>
  );
}

export function renderPlanHandout(data: HandoutData): Promise<Buffer> {
  return renderToBuffer(<PlanHandoutDocument data={data} />);
}

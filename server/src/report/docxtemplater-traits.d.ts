// docxtemplater ships no types for its traits; template-charts.ts needs only expandToOne (the
// trait its own {@raw} module uses to make a tag take its whole paragraph).
declare module "docxtemplater/js/traits.js" {
  import type Docxtemplater from "docxtemplater";

  const traits: {
    expandToOne(
      postparsed: Docxtemplater.DXT.Part[],
      options: {
        moduleName: string;
        expandTo: string;
        getInner: (args: {
          part: Docxtemplater.DXT.Part;
          left: number;
          right: number;
          index: number;
          postparsed: Docxtemplater.DXT.Part[];
        }) => Docxtemplater.DXT.Part;
        error: { message: string; id: string; explanation: () => string };
      },
    ): Docxtemplater.DXT.Part[];
  };
  export default traits;
}

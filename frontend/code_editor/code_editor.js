// The live coach's code editor, rendered by anywidget: CodeMirror 6, the editor JupyterLab's own cells use, so the
// coach's box behaves like a cell (Tab indents, Enter keeps the indentation, the box grows with the code, undo).
//
// The model's traits (stylekit/widgets/code_editor.py): `value` (the code, sent on every change, as the coach checks
// each keystroke), `label` (what a screen reader calls the box), `placeholder`, `min_lines`.
import {defaultKeymap, history, historyKeymap, indentWithTab} from "@codemirror/commands";
import {python} from "@codemirror/lang-python";
import {HighlightStyle, bracketMatching, indentOnInput, indentUnit, syntaxHighlighting} from "@codemirror/language";
import {Compartment, EditorState} from "@codemirror/state";
import {EditorView, drawSelection, keymap, lineNumbers, placeholder} from "@codemirror/view";
import {tags} from "@lezer/highlight";

const LINE_HEIGHT_EM = 1.4;
// Tab indents, so keyboard users need another way out of the box (WCAG 2.1.2, no keyboard trap): CodeMirror moves
// focus on a Tab pressed right after Escape, and the hint under the box says so.
const KEYS_HINT = "Tab indents. To leave the box: Escape, then Tab.";

// CodeMirror's default highlighting, with the three colours that fail WCAG's 4.5:1 contrast on white (axe-core,
// tests/browser/test_accessibility.py) darkened: f-string parts and escapes (#e40), type names (#085), invalid (#f00).
const readableHighlightStyle = HighlightStyle.define([
  {tag: tags.meta, color: "#404740"},
  {tag: tags.link, textDecoration: "underline"},
  {tag: tags.heading, textDecoration: "underline", fontWeight: "bold"},
  {tag: tags.emphasis, fontStyle: "italic"},
  {tag: tags.strong, fontWeight: "bold"},
  {tag: tags.strikethrough, textDecoration: "line-through"},
  {tag: tags.keyword, color: "#708"},
  {tag: [tags.atom, tags.bool, tags.url, tags.contentSeparator, tags.labelName], color: "#219"},
  {tag: [tags.literal, tags.inserted], color: "#164"},
  {tag: [tags.string, tags.deleted], color: "#a11"},
  {tag: [tags.regexp, tags.escape, tags.special(tags.string)], color: "#b02a00"},
  {tag: tags.definition(tags.variableName), color: "#00f"},
  {tag: tags.local(tags.variableName), color: "#30a"},
  {tag: [tags.typeName, tags.namespace], color: "#00734a"},
  {tag: tags.className, color: "#167"},
  {tag: [tags.special(tags.variableName), tags.macroName], color: "#256"},
  {tag: tags.definition(tags.propertyName), color: "#00c"},
  {tag: tags.comment, color: "#940"},
  {tag: tags.invalid, color: "#c00"},
]);

let hintCount = 0;

function render({model, el}) {
  el.classList.add("stylekit-code-editor");
  const hint = document.createElement("div");
  hint.className = "stylekit-code-editor-hint";
  hint.id = `stylekit-code-editor-hint-${++hintCount}`;
  hint.textContent = KEYS_HINT;
  const editable = new Compartment();
  const minHeight = `${model.get("min_lines") * LINE_HEIGHT_EM + 0.8}em`;
  const view = new EditorView({
    doc: model.get("value"),
    parent: el,
    extensions: [
      lineNumbers(), history(), drawSelection(), bracketMatching(), indentOnInput(), python(),
      indentUnit.of("    "), EditorState.tabSize.of(4),
      syntaxHighlighting(readableHighlightStyle),
      keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap]),
      placeholder(model.get("placeholder")),
      EditorView.contentAttributes.of({"aria-label": model.get("label"), "aria-describedby": hint.id}),
      editable.of(EditorView.editable.of(true)),
      EditorView.theme({
        "&": {border: "1px solid var(--jp-border-color1, #bdbdbd)", backgroundColor: "#ffffff", color: "#1d2939",
              fontSize: "var(--jp-code-font-size, 13px)"},
        ".cm-content, .cm-gutter": {minHeight},
        ".cm-scroller": {fontFamily: "var(--jp-code-font-family, monospace)", lineHeight: `${LINE_HEIGHT_EM}`},
        ".cm-gutters": {backgroundColor: "#f2f4f7", color: "#475467", borderRight: "1px solid #d0d5dd"},
        ".cm-placeholder": {color: "#475467"},
      }),
      // Typing over a selection of several lines leaves a stray empty line in this Chromium (156; in a bare
      // CodeMirror 6.44 too, while Backspace over the same selection is clean): such a keystroke goes through
      // CodeMirror's own transaction instead of the browser's editing.
      EditorView.domEventHandlers({
        beforeinput(event, editorView) {
          const {main} = editorView.state.selection;
          if (event.inputType !== "insertText" || !event.data || main.empty ||
              editorView.state.doc.lineAt(main.from).number === editorView.state.doc.lineAt(main.to).number) {
            return false;
          }
          event.preventDefault();
          editorView.dispatch(editorView.state.replaceSelection(event.data), {userEvent: "input.type"});
          return true;
        },
      }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          model.set("value", update.state.doc.toString());
          model.save_changes();
        }
      }),
    ],
  });
  el.appendChild(hint);
  // The kernel may set the code too (`coach.source = ...`); the editor's own changes come back equal and are skipped.
  model.on("change:value", () => {
    const value = model.get("value");
    if (value !== view.state.doc.toString()) {
      view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: value}});
    }
  });
  // After a kernel restart the widget manager marks every model disconnected: nothing would check the code any
  // more, so the box stops taking edits rather than looking alive (the coach's note says how to start it again).
  model.on("comm_live_update", () => {
    el.classList.add("stylekit-code-editor-offline");
    view.dispatch({effects: editable.reconfigure(EditorView.editable.of(false))});
  });
  return () => view.destroy();
}

export default {render};

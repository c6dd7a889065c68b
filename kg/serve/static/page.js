// The query page: Yasgui pointed at this server only (no prefix.cc, no remote endpoints, no endpoint list),
// and the named questions as ready examples. Works offline: every file comes from this server.
"use strict";
const endpoint = new URL("/sparql", window.location.href).href;
const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: { endpoint: endpoint, method: "POST" },
  copyEndpointOnNewTab: true,
  endpointCatalogueOptions: { getData: () => [], keys: [] },
  persistenceId: null,
  yasqe: { autocompleters: ["variables"] },
});

function show(question) {
  const tab = yasgui.getTab();
  tab.setEndpoint(endpoint);
  let text = question.sparql;
  // a question's parameters are bound by name on /api; in the editor, show the example's values as a VALUES hint
  if (question.params.length) {
    text = `# parameters: ${question.params.join(", ")}; try /api/${question.name}?${question.params.map(p => `${p}=…`).join("&")}\n` + text;
  }
  tab.getYasqe().setValue(text);
}

fetch("/api").then(r => r.json()).then(questions => {
  const list = document.getElementById("questions");
  for (const question of questions) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = question.name;
    const summary = document.createElement("small");
    summary.textContent = question.summary;
    button.appendChild(summary);
    button.addEventListener("click", () => show(question));
    item.appendChild(button);
    list.appendChild(item);
  }
});

// GraphiQL on the vendored React: same endpoint, same bearer token as the workspace pages.
(function () {
  var token = window.localStorage.getItem("kb.token");
  var headers = token ? { Authorization: "Bearer " + token } : {};
  var fetcher = GraphiQL.createFetcher({ url: "/graphql", headers: headers });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true }));
})();

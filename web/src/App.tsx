import { lazy, Suspense, useEffect, useMemo } from "react";
import { Provider } from "urql";
import { Route, Switch } from "wouter";
import { createApiClient, useSession } from "./client";
import { Layout } from "./components/Layout";
import { PageLoading } from "./components/PageLoading";
import { I18nProvider } from "./lib/i18n";
import { Login } from "./views/Login";

// Each view is its own chunk (recharts comes with the first view that draws a chart), so the
// login screen and the shell load fast on a rural connection.
const Overview = lazy(() => import("./views/Overview").then((m) => ({ default: m.Overview })));
const Comparison = lazy(() =>
  import("./views/Comparison").then((m) => ({ default: m.Comparison })),
);
const Models = lazy(() => import("./views/Models").then((m) => ({ default: m.Models })));
const Awards = lazy(() => import("./views/Awards").then((m) => ({ default: m.Awards })));
const Activities = lazy(() =>
  import("./views/Activities").then((m) => ({ default: m.Activities })),
);
const Entry = lazy(() => import("./views/Entry").then((m) => ({ default: m.Entry })));
const Presentation = lazy(() =>
  import("./views/Presentation").then((m) => ({ default: m.Presentation })),
);

export function App() {
  const session = useSession();
  const token = session?.token ?? null;
  // One client per session: no cached figure or open socket outlives the account that loaded it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recreated on purpose when the token changes
  const api = useMemo(() => createApiClient(), [token]);
  useEffect(
    () => () => {
      // A socket still connecting with a rejected token rejects its dispose too: nothing to do.
      Promise.resolve(api.ws.dispose()).catch(() => {});
    },
    [api],
  );

  return (
    <I18nProvider>
      <Provider value={api.client}>
        {session ? (
          <Switch>
            <Route path="/trinh-chieu">
              <Suspense fallback={<PageLoading />}>
                <Presentation />
              </Suspense>
            </Route>
            <Route>
              <Layout>
                <Suspense fallback={<PageLoading />}>
                  <Switch>
                    <Route path="/">
                      <Overview />
                    </Route>
                    <Route path="/so-sanh">
                      <Comparison />
                    </Route>
                    <Route path="/mo-hinh">
                      <Models />
                    </Route>
                    <Route path="/khen-thuong">
                      <Awards />
                    </Route>
                    <Route path="/hoat-dong">
                      <Activities />
                    </Route>
                    <Route path="/nhap-lieu">
                      <Entry />
                    </Route>
                    <Route>
                      <Overview />
                    </Route>
                  </Switch>
                </Suspense>
              </Layout>
            </Route>
          </Switch>
        ) : (
          <Login />
        )}
      </Provider>
    </I18nProvider>
  );
}

import { useEffect, useMemo } from "react";
import { Provider } from "urql";
import { Route, Switch } from "wouter";
import { createApiClient, useSession } from "./client";
import { Layout } from "./components/Layout";
import { I18nProvider } from "./lib/i18n";
import { Activities } from "./views/Activities";
import { Awards } from "./views/Awards";
import { Comparison } from "./views/Comparison";
import { Entry } from "./views/Entry";
import { Login } from "./views/Login";
import { Models } from "./views/Models";
import { Overview } from "./views/Overview";
import { Presentation } from "./views/Presentation";

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
              <Presentation />
            </Route>
            <Route>
              <Layout>
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

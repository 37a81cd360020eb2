/** Placeholder shell until the dashboard views land (issue 5). */
export function App() {
  return (
    <main className="shell">
      <h1>Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh</h1>
      <p>Hệ thống theo dõi thực hiện Chỉ thị 05-CT/TW</p>
      <p>
        <a href="/graphql">GraphiQL</a>
      </p>
    </main>
  );
}

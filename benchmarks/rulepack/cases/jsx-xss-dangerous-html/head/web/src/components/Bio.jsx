import React from "react";

export default function Bio({ user }) {
  return (
    <section className="bio">
      <h2>{user.name}</h2>
      <div dangerouslySetInnerHTML={{ __html: user.bioHtml }} />
    </section>
  );
}
